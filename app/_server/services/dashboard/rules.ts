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

/** What a rule is (from its analyzer, or as stored for a rule this version no longer runs) and how it fares. */
function ruleDto(id: string, row: ComplianceRow = emptyCompliance(id)): RuleComplianceDto {
  const meta = findAnalyzer(id)?.meta;
  const identity = meta
    ? { guideTags: [...meta.guideTags], section: sectionInfo(meta.section), description: meta.description, scoring: meta.scoring, weight: meta.weight, severity: meta.defaultSeverity, known: true }
    : { guideTags: row.guide_tags, section: sectionInfo(row.section), description: null, scoring: null, weight: row.weight, severity: null, known: false };
  return {
    ruleId: id,
    ...identity,
    repositories: { judged: row.judged, notApplicable: row.not_applicable, passing: row.passing, withFindings: row.with_findings },
    averageScore: row.average,
    previousAverageScore: row.previous_average,
    delta: difference(row.average, row.previous_average),
    findings: row.findings,
    suppressed: row.suppressed,
  };
}

/** A rule no stored snapshot has a result for. */
function emptyCompliance(id: string): ComplianceRow {
  return { rule_id: id, guide_tags: [], section: "other", weight: 0, judged: 0, not_applicable: 0, passing: 0, with_findings: 0, average: null, previous_average: null, findings: 0, suppressed: 0 };
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
      SELECT rr."ruleId" AS rule_id, min(rr."guideTags") AS guide_tags, min(${SECTION}) AS section, max(rr.weight) AS weight,
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
