import { ANALYZERS, findAnalyzer, ruleCatalogue } from "../../../../analyzers";
import type { RuleComplianceDto, RulesDto } from "../../../_lib/dto";
import { getDb, Prisma } from "../../db";
import { reuseWhileUnchanged } from "./cache";
import { periodInput, periodKey, resolvePeriod, weekEnd, type Period } from "./period";
import { findTeam, queryObject, teamSlug } from "./query";
import { IS_SNAPSHOT, score1, SECTION, SECTION_CTES, sectionInfo, sectionJoins, SNAPSHOT_AT } from "./sql";
import { difference, periodDto } from "./views";

/** A repository passes a rule at or above the floor of grade A. */
export const PASSING_SCORE = 90;

const rulesInput = periodInput.extend({ team: teamSlug.optional() });

interface ComplianceRow {
  rule_id: string;
  guide_tags: string[];
  section: string;
  weight: number;
  judged: number;
  not_applicable: number;
  passing: number;
  with_findings: number;
  average: number | null;
  previous_average: number | null;
  findings: number;
  suppressed: number;
}

/**
 * `GET /api/rules`: every rule of the registry (and any rule still found in stored snapshots) with its guide tags,
 * section, weight and org-wide compliance — over the latest snapshot of each repository before the period's end:
 * average score, repositories passing, judged and not applicable, findings — and the average at the end of the first
 * week. `team=slug` narrows to one team. Also the guide's tags with the rules that check each.
 */
export async function getRules(query: URLSearchParams, now = new Date()): Promise<RulesDto> {
  const input = rulesInput.parse(queryObject(query));
  const period = resolvePeriod(input, now);
  const team = input.team ? await findTeam(input.team) : null;
  const rules = await reuseWhileUnchanged(`rules/${periodKey(period, input.to !== undefined)}/${team?.id ?? ""}`, () => computeRules(period, team));
  return { ...rules, period: periodDto(period) };
}

async function computeRules(period: Period, team: { id: string; slug: string; name: string } | null): Promise<RulesDto> {
  const rows = new Map((await compliance(period, team?.id ?? null)).map((row) => [row.rule_id, row]));
  const known = ANALYZERS.map((analyzer) => analyzer.meta.id);
  const ids = [...known, ...[...rows.keys()].filter((id) => !known.includes(id)).sort()];
  return {
    period: periodDto(period),
    team: team ? { slug: team.slug, name: team.name } : null,
    passingScore: PASSING_SCORE,
    rules: ids.map((id) => ruleDto(id, rows.get(id))),
    tags: ruleCatalogue(ANALYZERS).map((entry) => ({ tag: entry.tag, title: entry.title, section: sectionInfo(entry.section), rules: entry.analyzers, notCheckable: entry.notCheckable })),
  };
}

function ruleDto(id: string, row: ComplianceRow | undefined): RuleComplianceDto {
  const meta = findAnalyzer(id)?.meta;
  const average = row?.average ?? null;
  const previous = row?.previous_average ?? null;
  return {
    ruleId: id,
    guideTags: meta ? [...meta.guideTags] : (row?.guide_tags ?? []),
    section: sectionInfo(meta?.section ?? row?.section ?? "other"),
    description: meta?.description ?? null,
    scoring: meta?.scoring ?? null,
    weight: meta?.weight ?? row?.weight ?? 0,
    severity: meta?.defaultSeverity ?? null,
    known: meta !== undefined,
    repositories: { judged: row?.judged ?? 0, notApplicable: row?.not_applicable ?? 0, passing: row?.passing ?? 0, withFindings: row?.with_findings ?? 0 },
    averageScore: average,
    previousAverageScore: previous,
    delta: difference(average, previous),
    findings: row?.findings ?? 0,
    suppressed: row?.suppressed ?? 0,
  };
}

/** Per rule, over each repository's latest snapshot before the period's end and before the end of its first week. */
async function compliance(period: Period, teamId: string | null): Promise<ComplianceRow[]> {
  const firstEnd = weekEnd(period, period.from);
  const teamFilter = teamId ? Prisma.sql`WHERE r."teamId" = ${teamId}` : Prisma.empty;
  const latestBefore = (cutoff: Date) => Prisma.sql`
    SELECT r.id AS repo, l.scan FROM "Repository" r CROSS JOIN LATERAL (
      SELECT s.id AS scan FROM "Scan" s WHERE s."repositoryId" = r.id AND ${IS_SNAPSHOT} AND ${SNAPSHOT_AT} < ${cutoff}::timestamp
      ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1) l ${teamFilter}`;
  return getDb().$queryRaw<ComplianceRow[]>`
    WITH ${SECTION_CTES},
    latest AS (${latestBefore(period.to)}),
    first AS (${latestBefore(firstEnd)}),
    now_rules AS (
      SELECT rr."ruleId" AS rule_id, (array_agg(rr."guideTags"))[1] AS guide_tags, min(${SECTION}) AS section, max(rr.weight) AS weight,
             count(rr.score)::int AS judged, count(*) FILTER (WHERE rr.score IS NULL)::int AS not_applicable,
             count(*) FILTER (WHERE rr.score >= ${PASSING_SCORE})::int AS passing, count(*) FILTER (WHERE rr."findingCount" > 0)::int AS with_findings,
             ${score1(Prisma.sql`avg(rr.score)`)} AS average, sum(rr."findingCount")::int AS findings, sum(rr."suppressedCount")::int AS suppressed
      FROM latest l CROSS JOIN LATERAL (SELECT * FROM "RuleResult" r WHERE r."scanId" = l.scan OFFSET 0) rr ${sectionJoins("rr")}
      GROUP BY rr."ruleId"
    ),
    then_rules AS (
      SELECT rr."ruleId" AS rule_id, ${score1(Prisma.sql`avg(rr.score)`)} AS previous_average
      FROM first f CROSS JOIN LATERAL (SELECT * FROM "RuleResult" r WHERE r."scanId" = f.scan OFFSET 0) rr GROUP BY rr."ruleId"
    )
    SELECT n.*, t.previous_average FROM now_rules n LEFT JOIN then_rules t USING (rule_id)`;
}
