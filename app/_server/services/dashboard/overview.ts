import { gradeFor } from "../../../../analyzers";
import type { AttentionDto, MoverDto, OverviewDto, SectionScoreDto, TeamRankDto, TrendPointDto } from "../../../_lib/dto";
import { getDb, Prisma } from "../../db";
import { reuseWhileUnchanged } from "./cache";
import { periodInput, periodKey, resolvePeriod, type Period } from "./period";
import { findTeam, queryObject, teamSlug } from "./query";
import { IS_SNAPSHOT, iso, score1, SECTION, SECTION_CTES, sectionInfo, sectionJoins, SNAPSHOT_AT, weightedScore } from "./sql";
import { difference, lastScanDto, periodDto, type LastScanRow } from "./views";

/** A repository whose latest successful scan finished longer ago than this is stale. */
export const STALE_AFTER_DAYS = 14;
const MOVERS = 5;
const ATTENTION_LIMIT = 50;

const overviewInput = periodInput.extend({ team: teamSlug.optional() });

interface OverviewRow {
  trend: Array<{ week: string; score: number | null; repositories: number }>;
  teams: Array<{ slug: string; name: string; repositories: number; points: Array<number | null> }>;
  sections: Array<{ section: string; score: number | null; repositories: number }>;
  movers: Array<{ id: string; name: string; team_slug: string; team_name: string; score: number; previous: number; delta: number }>;
}

/**
 * `GET /api/overview`: the organisation's score, weekly trend, teams ranked, guide sections weakest first and biggest
 * movers over a period (`range` or `from`/`to`), narrowed to one team with `team=slug`; plus the repositories that need
 * attention now. One SQL statement computes the period's aggregates (carry-forward weekly, in PostgreSQL).
 */
export async function getOverview(query: URLSearchParams, now = new Date()): Promise<OverviewDto> {
  const input = overviewInput.parse(queryObject(query));
  const period = resolvePeriod(input, now);
  const team = input.team ? await findTeam(input.team) : null;
  const key = `overview/${periodKey(period, input.to !== undefined)}/${team?.id ?? ""}`;
  const overview = await reuseWhileUnchanged(key, () => computeOverview(period, team, now));
  return { ...overview, period: periodDto(period) };
}

async function computeOverview(period: Period, team: { id: string; slug: string; name: string } | null, now: Date): Promise<OverviewDto> {
  const [aggregates, attention] = await Promise.all([periodAggregates(period, team?.id ?? null), needingAttention(team?.id ?? null, now)]);
  const trend: TrendPointDto[] = aggregates.trend;
  const current = trend.at(-1)?.score ?? null;
  const previous = trend[0]?.score ?? null;
  return {
    period: periodDto(period),
    team: team ? { slug: team.slug, name: team.name } : null,
    score: current,
    grade: current === null ? null : gradeFor(current),
    previousScore: previous,
    delta: difference(current, previous),
    repositories: trend.at(-1)?.repositories ?? 0,
    trend,
    teams: rankTeams(aggregates.teams),
    sections: aggregates.sections.map(({ section, score, repositories }): SectionScoreDto => ({ ...sectionInfo(section), score, repositories })),
    movers: splitMovers(aggregates.movers),
    attention,
  };
}

/** The period's aggregates in one statement: the change-based carry-forward, then what each part of the view needs. */
async function periodAggregates(period: Period, teamId: string | null): Promise<OverviewRow> {
  const [row] = await getDb().$queryRaw<Array<{ result: OverviewRow }>>`
    WITH ${SECTION_CTES}, ${changesCtes(period, teamId)}, ${trendCtes(period)}, ${endpointCtes(period.from)}
    ${overviewJson()}`;
  if (!row) throw new Error("the overview query returned no row");
  return row.result;
}

/**
 * CTEs `repos`, `events` and `changes`: weekly carry-forward without a repository × week grid. Every snapshot in the
 * period (plus each repository's last one before it, placed in the first week) becomes a change — its score minus the
 * repository's previous score, and +1 repository for its first — so running sums of the changes per week give, for
 * every week, the sum and count of the latest scores at that week's end. Linear in the period's snapshots, whatever
 * the number of weeks. Events are read repository by repository from the timeline index, so they arrive grouped by
 * repository and the window only sorts within each.
 */
function changesCtes(period: Period, teamId: string | null): Prisma.Sql {
  const first = period.from;
  return Prisma.sql`
    repos AS (SELECT r.id, r."teamId" AS team FROM "Repository" r ${teamId ? Prisma.sql`WHERE r."teamId" = ${teamId}` : Prisma.empty}),
    events AS (
      SELECT r.id AS repo, r.team, e.scan, e.at, e.score, greatest(date_trunc('week', e.at), ${first}::timestamp) AS week
      FROM (SELECT * FROM repos ORDER BY id) r
      CROSS JOIN LATERAL (
        (SELECT s.id AS scan, ${SNAPSHOT_AT} AS at, s.score FROM "Scan" s
         WHERE s."repositoryId" = r.id AND ${IS_SNAPSHOT} AND ${SNAPSHOT_AT} < ${first}::timestamp
         ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1)
        UNION ALL
        (SELECT s.id, ${SNAPSHOT_AT}, s.score FROM "Scan" s
         WHERE s."repositoryId" = r.id AND ${IS_SNAPSHOT} AND ${SNAPSHOT_AT} >= ${first}::timestamp AND ${SNAPSHOT_AT} < ${period.to}::timestamp
         ORDER BY ${SNAPSHOT_AT}, s.id)
      ) e
    ),
    changes AS (
      SELECT repo, team, scan, score, week,
             coalesce(score, 0) - coalesce(lag(score) OVER w, 0) AS d_sum,
             (score IS NOT NULL)::int - (lag(score) OVER w IS NOT NULL)::int AS d_count,
             lead(week) OVER w AS next_week
      FROM events WINDOW w AS (PARTITION BY repo ORDER BY at, scan)
    )`;
}

/** CTEs `weeks`, `org_trend` and `team_trend`: running sums of the changes, week by week, overall and per team. */
function trendCtes(period: Period): Prisma.Sql {
  return Prisma.sql`
    weeks AS (SELECT generate_series(${period.from}::timestamp, ${period.weeks.at(-1) ?? period.from}::timestamp, interval '7 days') AS week),
    org_trend AS (
      SELECT w.week, sum(sum(c.d_sum)) OVER (ORDER BY w.week) AS total, sum(sum(c.d_count)) OVER (ORDER BY w.week) AS n
      FROM weeks w LEFT JOIN changes c ON c.week = w.week GROUP BY w.week
    ),
    team_changes AS (SELECT team, week, sum(d_sum) AS d_sum, sum(d_count) AS d_count FROM changes GROUP BY team, week),
    team_trend AS (
      SELECT t.team, w.week,
             sum(tc.d_sum) OVER (PARTITION BY t.team ORDER BY w.week) AS total,
             sum(tc.d_count) OVER (PARTITION BY t.team ORDER BY w.week) AS n
      FROM (SELECT DISTINCT team FROM repos) t CROSS JOIN weeks w
      LEFT JOIN team_changes tc ON tc.team = t.team AND tc.week = w.week
    )`;
}

/**
 * CTEs `last_event` and `first_event` (each repository's score at the period's end — its last change — and at the end
 * of the first week), `repo_sections` (section scores of its last snapshot) and `movers`.
 */
function endpointCtes(first: Date): Prisma.Sql {
  return Prisma.sql`
    last_event AS (SELECT repo, scan, score FROM changes WHERE next_week IS NULL),
    first_event AS (SELECT repo, score FROM changes WHERE week = ${first}::timestamp AND (next_week IS NULL OR next_week > week)),
    repo_sections AS (
      SELECT l.repo, ${SECTION} AS section, ${weightedScore("rr")} AS score
      FROM last_event l CROSS JOIN LATERAL (SELECT * FROM "RuleResult" r WHERE r."scanId" = l.scan OFFSET 0) rr ${sectionJoins("rr")}
      GROUP BY 1, 2
    ),
    movers AS (
      SELECT l.repo, l.score, f.score AS previous, l.score - f.score AS delta
      FROM last_event l JOIN first_event f USING (repo) WHERE l.score IS NOT NULL AND f.score IS NOT NULL AND l.score <> f.score
    )`;
}

/** The view's JSON from the CTEs above: trend, teams with their sparklines, sections weakest first, movers up and down. */
function overviewJson(): Prisma.Sql {
  const mean = score1(Prisma.sql`total / nullif(n, 0)`);
  return Prisma.sql`
    SELECT json_build_object(
      'trend', (SELECT json_agg(json_build_object('week', ${iso(Prisma.sql`week`)}, 'score', ${mean}, 'repositories', coalesce(n, 0)) ORDER BY week) FROM org_trend),
      'teams', (SELECT coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name, 'repositories', x.n, 'points', x.points)), '[]')
                FROM (SELECT team, (array_agg(n ORDER BY week DESC))[1] AS n, json_agg(${mean} ORDER BY week) AS points FROM team_trend GROUP BY team) x
                JOIN "Team" t ON t.id = x.team),
      'sections', (SELECT coalesce(json_agg(json_build_object('section', section, 'score', ${score1(Prisma.sql`score`)}, 'repositories', n) ORDER BY score NULLS LAST, section), '[]')
                   FROM (SELECT section, avg(score) AS score, count(score) AS n FROM repo_sections GROUP BY section) x),
      'movers', (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'team_slug', t.slug, 'team_name', t.name, 'score', m.score, 'previous', m.previous, 'delta', ${score1(Prisma.sql`m.delta`)})), '[]')
                 FROM (SELECT * FROM (SELECT * FROM movers WHERE delta > 0 ORDER BY delta DESC, repo LIMIT ${MOVERS}) up
                       UNION ALL SELECT * FROM (SELECT * FROM movers WHERE delta < 0 ORDER BY delta, repo LIMIT ${MOVERS}) down) m
                 JOIN "Repository" r ON r.id = m.repo JOIN "Team" t ON t.id = r."teamId")
    ) AS result`;
}

interface AttentionRow {
  id: string;
  name: string;
  team_slug: string;
  team_name: string;
  last_succeeded_at: Date | null;
  total: bigint;
  scan: LastScanRow | null;
}

/**
 * Repositories whose latest scan (by when it was requested) failed, or whose latest successful scan (a duplicate
 * counts: the commit was checked) finished more than STALE_AFTER_DAYS ago. Failed first, dead-lettered among them
 * first; then stale, longest first.
 */
async function needingAttention(teamId: string | null, now: Date): Promise<OverviewDto["attention"]> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_DAYS * 24 * 3600 * 1000);
  const rows = await getDb().$queryRaw<AttentionRow[]>`
    SELECT r.id, r.name, t.slug AS team_slug, t.name AS team_name, ok."finishedAt" AS last_succeeded_at, count(*) OVER () AS total,
           json_build_object('id', ls.id, 'status', ls.status, 'error', ls.error, 'queuedAt', ${iso(Prisma.sql`ls."queuedAt"`)},
                             'finishedAt', ${iso(Prisma.sql`ls."finishedAt"`)}, 'deadLettered', ls."deadLetteredAt" IS NOT NULL) AS scan
    FROM "Repository" r JOIN "Team" t ON t.id = r."teamId"
    JOIN LATERAL (SELECT s.* FROM "Scan" s WHERE s."repositoryId" = r.id ORDER BY s."queuedAt" DESC, s.id DESC LIMIT 1) ls ON true
    LEFT JOIN LATERAL (SELECT s."finishedAt" FROM "Scan" s WHERE s."repositoryId" = r.id AND s.status = 'succeeded' ORDER BY s."finishedAt" DESC LIMIT 1) ok ON true
    WHERE (ls.status = 'failed' OR ok."finishedAt" < ${staleBefore}::timestamp) ${teamId ? Prisma.sql`AND r."teamId" = ${teamId}` : Prisma.empty}
    ORDER BY (ls.status = 'failed') DESC, (ls."deadLetteredAt" IS NOT NULL) DESC, ok."finishedAt" NULLS FIRST, r.name, r.id
    LIMIT ${ATTENTION_LIMIT}`;
  const items = rows.map(
    (row): AttentionDto => ({
      id: row.id,
      name: row.name,
      team: { slug: row.team_slug, name: row.team_name },
      reason: row.scan?.status === "failed" ? "failed" : "stale",
      lastScan: lastScanDto(row.scan),
      lastSucceededAt: row.last_succeeded_at?.toISOString() ?? null,
    }),
  );
  return { total: Number(rows[0]?.total ?? 0), staleAfterDays: STALE_AFTER_DAYS, items };
}

function rankTeams(teams: OverviewRow["teams"]): TeamRankDto[] {
  return teams
    .map((team) => {
      const score = team.points.at(-1) ?? null;
      return { slug: team.slug, name: team.name, score, grade: score === null ? null : gradeFor(score), delta: difference(score, team.points[0] ?? null), repositories: team.repositories ?? 0, sparkline: team.points };
    })
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name))
    .map((team, index) => ({ ...team, rank: index + 1 }));
}

function splitMovers(rows: OverviewRow["movers"]): OverviewDto["movers"] {
  const movers = rows.map((row): MoverDto => ({ id: row.id, name: row.name, team: { slug: row.team_slug, name: row.team_name }, score: row.score, previousScore: row.previous, delta: row.delta }));
  return {
    up: movers.filter((mover) => mover.delta > 0).sort((a, b) => b.delta - a.delta || a.id.localeCompare(b.id)),
    down: movers.filter((mover) => mover.delta < 0).sort((a, b) => a.delta - b.delta || a.id.localeCompare(b.id)),
  };
}

