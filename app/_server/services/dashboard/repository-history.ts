import { findAnalyzer } from "../../../../analyzers";
import type { HistoryPointDto, RepositoryHistoryDto, RepositoryRefDto, SnapshotRuleDto } from "../../../_lib/dto";
import { getDb } from "../../db";
import { AppError, notFound } from "../../errors";
import { reuseWhileUnchanged } from "./cache";
import { periodInput, periodKey, resolvePeriod, type Period } from "./period";
import { queryObject } from "./query";
import { changeCountSql, chosenSnapshotSql, FINGERPRINTS_SQL, previousSnapshotSql, scanIdInput, SNAPSHOT_JSON } from "./snapshots";
import { IS_SNAPSHOT, score1, SECTION, SECTION_CTES, sectionInfo, sectionJoins, SNAPSHOT_AT, weightedScore } from "./sql";
import { periodDto } from "./views";

const historyInput = periodInput.extend({ snapshot: scanIdInput.optional() });

interface HistoryRow {
  repository: (RepositoryRefDto & { url: string; branch: string | null }) | null;
  points: HistoryPointDto[];
  snapshot: HistoryPointDto | null;
  previous: string | null;
  added: number | null;
  gone: number | null;
  sections: Array<{ section: string; score: number | null; rules: Array<Omit<SnapshotRuleDto, "description" | "scoring">> }>;
}

/**
 * `GET /api/repositories/:id/history`: the repository's snapshots over a period (the score chart, one point per scan
 * id) and one snapshot — `snapshot=<scan id>`, else the latest before the period's end — with its rule results grouped
 * by guide section and the findings new and fixed since the snapshot before it. Unknown repository or snapshot: 404.
 * One SQL statement, its answer reused while the data is unchanged (cache.ts).
 */
export async function getRepositoryHistory(id: string, query: URLSearchParams, now = new Date()): Promise<RepositoryHistoryDto> {
  const input = historyInput.parse(queryObject(query));
  const period = resolvePeriod(input, now);
  const result = await reuseWhileUnchanged(`history/${id}/${input.snapshot ?? ""}/${periodKey(period, input.to !== undefined)}`, () => historyRow(id, input.snapshot, period));
  if (!result?.repository) throw notFound("Repository", id);
  if (input.snapshot !== undefined && !result.snapshot) throw new AppError("not_found", `Snapshot ${JSON.stringify(input.snapshot)} does not exist in this repository.`);
  return {
    period: periodDto(period),
    repository: result.repository,
    points: result.points,
    snapshot: result.snapshot && {
      ...result.snapshot,
      previousScanId: result.previous,
      newFindings: result.added,
      fixedFindings: result.gone,
      sections: result.sections
        .map((section) => ({ ...sectionInfo(section.section), score: section.score, rules: section.rules.map(withMeta) }))
        .sort((a, b) => a.number - b.number),
    },
  };
}

/** The history's one SQL statement: repository, points, the chosen snapshot with its sections and new/fixed counts. */
async function historyRow(id: string, snapshot: string | undefined, period: Period): Promise<HistoryRow | undefined> {
  const [row] = await getDb().$queryRaw<Array<{ result: HistoryRow }>>`
    WITH ${SECTION_CTES},
    chosen AS (${chosenSnapshotSql(id, snapshot, period.to)}),
    prev AS (${previousSnapshotSql(id)}),
    fingerprints AS (${FINGERPRINTS_SQL})
    SELECT json_build_object(
      'repository', (SELECT json_build_object('id', r.id, 'name', r.name, 'url', r.url, 'branch', r.branch, 'team', json_build_object('slug', t.slug, 'name', t.name))
                     FROM "Repository" r JOIN "Team" t ON t.id = r."teamId" WHERE r.id = ${id}),
      'points', (SELECT coalesce(json_agg(${SNAPSHOT_JSON} ORDER BY ${SNAPSHOT_AT}, s.id), '[]') FROM "Scan" s
                 WHERE s."repositoryId" = ${id} AND ${IS_SNAPSHOT} AND ${SNAPSHOT_AT} >= ${period.from}::timestamp AND ${SNAPSHOT_AT} < ${period.to}::timestamp),
      'snapshot', (SELECT ${SNAPSHOT_JSON} FROM "Scan" s WHERE s.id = (SELECT id FROM chosen)),
      'previous', (SELECT id FROM prev),
      'added', ${changeCountSql("new")},
      'gone', ${changeCountSql("fixed")},
      'sections', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT ${SECTION} AS section, ${score1(weightedScore("rr"))} AS score,
               json_agg(json_build_object('ruleId', rr."ruleId", 'guideTags', rr."guideTags", 'score', rr.score, 'weight', rr.weight,
                                          'findingCount', rr."findingCount", 'suppressedCount', rr."suppressedCount") ORDER BY rr."ruleId") AS rules
        FROM "RuleResult" rr ${sectionJoins("rr")} WHERE rr."scanId" = (SELECT id FROM chosen) GROUP BY 1) x)
    ) AS result`;
  return row?.result;
}

function withMeta(rule: Omit<SnapshotRuleDto, "description" | "scoring">): SnapshotRuleDto {
  const meta = findAnalyzer(rule.ruleId)?.meta;
  return { ...rule, description: meta?.description ?? null, scoring: meta?.scoring ?? null };
}
