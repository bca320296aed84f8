import { gradeFor } from "../../../../analyzers";
import type { TeamOverviewDto, TeamRepositoryDto, ViolatedRuleDto } from "../../../_lib/dto";
import { getDb, Prisma } from "../../db";
import { reuseWhileUnchanged } from "./cache";
import { periodInput, periodKey, resolvePeriod, type Period } from "./period";
import { findTeam, queryObject } from "./query";
import { IS_SNAPSHOT, iso, score1, SECTION, SECTION_CTES, sectionInfo, sectionJoins, SNAPSHOT_AT, weeksCte, weightedScore } from "./sql";
import { difference, lastScanDto, periodDto, type LastScanRow } from "./views";

const MOST_VIOLATED = 10;

interface TeamRow {
  trend: Array<{ week: string; score: number | null; repositories: number; findings: number | null; suppressed: number | null }>;
  sections: Array<{ week: string; section: string; score: number | null }>;
  repositories: Array<{ id: string; name: string; points: Array<number | null>; last_at: string | null; scan: LastScanRow | null }>;
  rules: Array<{ rule_id: string; guide_tags: string[]; section: string; findings: number; suppressed: number; repositories: number; average: number | null }>;
}

/**
 * `GET /api/teams/:slug/overview`: the team's weekly trend overall and per guide section, its repositories with score,
 * trend and last scan, its most violated rules and its suppressions over time, for a period (`range` or `from`/`to`).
 * Unknown team: 404.
 */
export async function getTeamOverview(slug: string, query: URLSearchParams, now = new Date()): Promise<TeamOverviewDto> {
  const input = periodInput.parse(queryObject(query));
  const period = resolvePeriod(input, now);
  const team = await findTeam(slug);
  const overview = await reuseWhileUnchanged(`team/${periodKey(period, input.to !== undefined)}/${team.id}`, () => computeTeamOverview(period, team));
  return { ...overview, period: periodDto(period) };
}

async function computeTeamOverview(period: Period, team: { id: string; slug: string; name: string }): Promise<TeamOverviewDto> {
  const row = await teamAggregates(period, team.id);
  const trend = row.trend.map((point) => ({ week: point.week, score: point.score, repositories: point.repositories, sections: {} as Record<string, number | null> }));
  const byWeek = new Map(trend.map((point) => [point.week, point]));
  const sectionIds = new Set<string>();
  for (const { week, section, score } of row.sections) {
    sectionIds.add(section);
    const point = byWeek.get(week);
    if (point) point.sections[section] = score;
  }
  const sections = [...sectionIds].map(sectionInfo).sort((a, b) => a.number - b.number);
  // Every week lists every section, in the guide's order.
  for (const point of trend) point.sections = Object.fromEntries(sections.map((section) => [section.id, point.sections[section.id] ?? null]));
  const current = trend.at(-1)?.score ?? null;
  const previous = trend[0]?.score ?? null;
  return {
    period: periodDto(period),
    team: { slug: team.slug, name: team.name },
    score: current,
    grade: current === null ? null : gradeFor(current),
    previousScore: previous,
    delta: difference(current, previous),
    trend,
    sections,
    repositories: row.repositories.map(repositoryDto),
    mostViolatedRules: row.rules.map(
      (rule): ViolatedRuleDto => ({ ruleId: rule.rule_id, guideTags: rule.guide_tags, section: sectionInfo(rule.section), findings: rule.findings, suppressed: rule.suppressed, repositories: rule.repositories, averageScore: rule.average }),
    ),
    suppressions: row.trend.map((point) => ({ week: point.week, suppressed: point.suppressed ?? 0, findings: point.findings ?? 0 })),
  };
}

function repositoryDto(row: TeamRow["repositories"][number]): TeamRepositoryDto {
  const score = row.points.at(-1) ?? null;
  const previous = row.points[0] ?? null;
  return {
    id: row.id,
    name: row.name,
    score,
    grade: score === null ? null : gradeFor(score),
    previousScore: previous,
    delta: difference(score, previous),
    sparkline: row.points,
    lastSnapshotAt: row.last_at,
    lastScan: lastScanDto(row.scan),
  };
}

/**
 * A team has tens of repositories, so its weeks are a repository × week grid: each cell is the repository's latest
 * snapshot before the week's end (one lookup in the timeline index). The rule results of the cells' snapshots give the
 * section scores and suppression counts per week; those of the last week's cells give the most violated rules.
 */
async function teamAggregates(period: Period, teamId: string): Promise<TeamRow> {
  const last = period.weeks.at(-1) ?? period.from;
  const [row] = await getDb().$queryRaw<Array<{ result: TeamRow }>>`
    WITH ${SECTION_CTES}, ${weeksCte(period.from, last, period.to)}, ${gridCtes(teamId, last)}
    ${teamJson()}`;
  if (!row) throw new Error("the team overview query returned no row");
  return row.result;
}

/**
 * CTEs `repos`, `grid` (each repository's carried-forward snapshot per week), `grid_scans`, `scan_sections` and
 * `scan_totals` (the grid's snapshots' stored section scores and finding counts) and `latest` (the last week's snapshots).
 */
function gridCtes(teamId: string, last: Date): Prisma.Sql {
  return Prisma.sql`
    repos AS (SELECT id, name FROM "Repository" WHERE "teamId" = ${teamId}),
    grid AS (
      SELECT r.id AS repo, w.week, c.scan, c.score, c.at
      FROM repos r CROSS JOIN weeks w
      LEFT JOIN LATERAL (
        SELECT s.id AS scan, s.score, ${SNAPSHOT_AT} AS at FROM "Scan" s
        WHERE s."repositoryId" = r.id AND ${IS_SNAPSHOT} AND ${SNAPSHOT_AT} < w.cutoff
        ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1) c ON true
    ),
    grid_scans AS (
      SELECT g.scan, x.stored
      FROM (SELECT DISTINCT scan FROM grid WHERE scan IS NOT NULL) g
      CROSS JOIN LATERAL (SELECT s."sectionScores" AS stored FROM "Scan" s WHERE s.id = g.scan OFFSET 0) x
    ),
    scan_sections AS (
      -- Stored with each snapshot (section-scores.ts): one small value per snapshot.
      SELECT gs.scan, e.key AS section, (e.value->>0)::float8 AS score, (e.value->>1)::bigint AS findings, (e.value->>2)::bigint AS suppressed
      FROM grid_scans gs CROSS JOIN LATERAL jsonb_each(gs.stored) e
      WHERE gs.stored IS NOT NULL
      UNION ALL
      -- Snapshots stored before sectionScores existed and not filled yet: computed from their rule results, one index
      -- lookup per snapshot (OFFSET 0 keeps the planner from flattening it into a hash join over the whole table).
      SELECT rr."scanId" AS scan, ${SECTION} AS section, ${weightedScore("rr")} AS score,
             sum(rr."findingCount") AS findings, sum(rr."suppressedCount") AS suppressed
      FROM (SELECT scan FROM grid_scans WHERE stored IS NULL) g
      CROSS JOIN LATERAL (SELECT * FROM "RuleResult" r WHERE r."scanId" = g.scan OFFSET 0) rr ${sectionJoins("rr")}
      GROUP BY 1, 2
    ),
    scan_totals AS (SELECT scan, sum(findings) AS findings, sum(suppressed) AS suppressed FROM scan_sections GROUP BY scan),
    latest AS (SELECT repo, scan FROM grid WHERE week = ${last}::timestamp AND scan IS NOT NULL)`;
}

/** The view's JSON from the grid: trend with findings and suppressions, per-section lines, repositories, most violated rules. */
function teamJson(): Prisma.Sql {
  return Prisma.sql`
    SELECT json_build_object(
      'trend', (SELECT json_agg(json_build_object('week', ${iso(Prisma.sql`week`)}, 'score', ${score1(Prisma.sql`score`)}, 'repositories', n, 'findings', findings, 'suppressed', suppressed) ORDER BY week)
                FROM (SELECT g.week, avg(g.score) AS score, count(g.score) AS n, sum(t.findings) AS findings, sum(t.suppressed) AS suppressed
                      FROM grid g LEFT JOIN scan_totals t ON t.scan = g.scan GROUP BY g.week) x),
      'sections', (SELECT coalesce(json_agg(json_build_object('week', ${iso(Prisma.sql`week`)}, 'section', section, 'score', ${score1(Prisma.sql`score`)})), '[]')
                   FROM (SELECT g.week, ss.section, avg(ss.score) AS score FROM grid g JOIN scan_sections ss ON ss.scan = g.scan GROUP BY 1, 2) x),
      'repositories', (SELECT coalesce(json_agg(json_build_object('id', x.repo, 'name', r.name, 'points', x.points, 'last_at', ${iso(Prisma.sql`x.last_at`)}, 'scan', ls.scan) ORDER BY r.name, r.id), '[]')
                       FROM (SELECT repo, json_agg(score ORDER BY week) AS points, max(at) AS last_at FROM grid GROUP BY repo) x
                       JOIN repos r ON r.id = x.repo
                       LEFT JOIN LATERAL (
                         SELECT json_build_object('id', s.id, 'status', s.status, 'error', s.error, 'queuedAt', ${iso(Prisma.sql`s."queuedAt"`)},
                                                  'finishedAt', ${iso(Prisma.sql`s."finishedAt"`)}, 'deadLettered', s."deadLetteredAt" IS NOT NULL) AS scan
                         FROM "Scan" s WHERE s."repositoryId" = x.repo ORDER BY s."queuedAt" DESC, s.id DESC LIMIT 1) ls ON true),
      'rules', (SELECT coalesce(json_agg(x ORDER BY x.findings DESC, x.rule_id), '[]') FROM (
                  SELECT rr."ruleId" AS rule_id, min(rr."guideTags") AS guide_tags, min(${SECTION}) AS section,
                         sum(rr."findingCount")::int AS findings, sum(rr."suppressedCount")::int AS suppressed,
                         count(*) FILTER (WHERE rr."findingCount" > 0)::int AS repositories, ${score1(Prisma.sql`avg(rr.score)`)} AS average
                  FROM latest l CROSS JOIN LATERAL (SELECT * FROM "RuleResult" r WHERE r."scanId" = l.scan OFFSET 0) rr ${sectionJoins("rr")}
                  GROUP BY rr."ruleId" HAVING sum(rr."findingCount") > 0
                  ORDER BY findings DESC, rule_id LIMIT ${MOST_VIOLATED}) x)
    ) AS result`;
}
