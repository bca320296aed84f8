import { findAnalyzer } from "../../../../analyzers";
import type { RepositoryHistoryDto, SnapshotRuleDto } from "../../../_lib/dto";
import { getDb } from "../../db";
import { periodInput, resolvePeriod } from "./period";
import { findRepository, queryObject } from "./query";
import { changesSincePrevious, chosenSnapshot, historyPoint, scanIdInput, snapshotsBetween } from "./snapshots";
import { score1, SECTION, SECTION_CTES, sectionInfo, sectionJoins, weightedScore } from "./sql";
import { periodDto } from "./views";

const historyInput = periodInput.extend({ snapshot: scanIdInput.optional() });

interface SectionRow {
  section: string;
  score: number | null;
  rules: Array<{ ruleId: string; guideTags: string[]; score: number | null; weight: number; findingCount: number; suppressedCount: number }>;
}

/**
 * `GET /api/repositories/:id/history`: the repository's snapshots over a period (the score chart, one point per scan
 * id) and one snapshot — `snapshot=<scan id>`, else the latest — with its rule results grouped by guide section and the
 * findings new and fixed since the snapshot before it. Unknown repository or snapshot: 404.
 */
export async function getRepositoryHistory(id: string, query: URLSearchParams, now = new Date()): Promise<RepositoryHistoryDto> {
  const input = historyInput.parse(queryObject(query));
  const period = resolvePeriod(input, now);
  const [repository, points, snapshot] = await Promise.all([findRepository(id), snapshotsBetween(id, period.from, period.to), chosenSnapshot(id, input.snapshot, period.to)]);
  const base = { period: periodDto(period), repository: { id: repository.id, name: repository.name, url: repository.url, branch: repository.branch, team: repository.team }, points: points.map(historyPoint) };
  if (!snapshot) return { ...base, snapshot: null };
  const [changes, sections] = await Promise.all([changesSincePrevious(id, snapshot), sectionsOf(snapshot.scanId)]);
  return {
    ...base,
    snapshot: {
      ...historyPoint(snapshot),
      previousScanId: changes.previousScanId,
      newFindings: changes.added,
      fixedFindings: changes.gone,
      sections: sections.map((section) => ({ ...sectionInfo(section.section), score: section.score, rules: section.rules.map(withMeta) })),
    },
  };
}

/** The snapshot's rule results grouped by guide section, each section scored like the engine scores it. */
async function sectionsOf(scanId: string): Promise<SectionRow[]> {
  const rows = await getDb().$queryRaw<SectionRow[]>`
    WITH ${SECTION_CTES}
    SELECT ${SECTION} AS section, ${score1(weightedScore("rr"))} AS score,
           json_agg(json_build_object('ruleId', rr."ruleId", 'guideTags', rr."guideTags", 'score', rr.score, 'weight', rr.weight,
                                      'findingCount', rr."findingCount", 'suppressedCount', rr."suppressedCount") ORDER BY rr."ruleId") AS rules
    FROM "RuleResult" rr ${sectionJoins("rr")}
    WHERE rr."scanId" = ${scanId}
    GROUP BY 1`;
  return rows.sort((a, b) => sectionInfo(a.section).number - sectionInfo(b.section).number);
}

function withMeta(rule: SectionRow["rules"][number]): SnapshotRuleDto {
  const meta = findAnalyzer(rule.ruleId)?.meta;
  return { ...rule, description: meta?.description ?? null, scoring: meta?.scoring ?? null };
}
