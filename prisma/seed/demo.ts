// Writing the demo organisation into a database, and telling it apart from real data (`npm run seed:demo`, the
// dashboard tests and the API benchmark all go through here).
import { BulkWriter, type Queryable, type RowQueryable, type WrittenCounts } from "./bulk-insert";
import { fillMissingSectionScores } from "../../app/_server/services/dashboard/section-scores";
import { withDeferredIndexes } from "./deferred-indexes";
import { DEMO_URL_PREFIX, planOrganisation, repositoryHistory, type OrganisationOptions, type OrganisationPlan } from "./organisation";
import type { RepositoryHistory, TeamRow } from "./rows";

export type { RowQueryable };

const SEEDED_TABLES = ["Scan", "RuleResult", "Finding"];

/**
 * Writes the organisation the fastest way the database allows — into empty tables with the indexes and keys rebuilt
 * once at the end, in one transaction; beside existing rows with them in place, on two connections at a time when
 * `secondDb` is given — then vacuums, so the planner has statistics and index-only scans a visibility map.
 */
export async function loadOrganisation(db: RowQueryable, options: OrganisationOptions, secondDb?: Queryable): Promise<WrittenCounts> {
  const empty = await db.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM "Scan") AND NOT EXISTS (SELECT 1 FROM "RuleResult") AND NOT EXISTS (SELECT 1 FROM "Finding") AS empty`);
  const { counts } = empty.rows[0]?.empty
    ? await withDeferredIndexes(db, SEEDED_TABLES, () => seedOrganisation(db, options, { sectionScores: false }))
    : await seedOrganisation(db, options, secondDb ? { secondDb, sectionScores: false } : { sectionScores: false });
  // With the indexes back: each snapshot's section scores, as a scan stores them.
  await fillSectionScores(db);
  return counts;
}

/**
 * VACUUM (ANALYZE) of the seeded tables. Right after a load a table is now and then left with its pages not yet marked
 * all-visible (the horizon had not moved on), and index-only scans would visit the table after all: a second pass over
 * those tables settles it.
 */
export async function vacuumSeededTables(db: RowQueryable): Promise<void> {
  await db.query(`VACUUM (ANALYZE) "Team", "Repository", ${SEEDED_TABLES.map((table) => `"${table}"`).join(", ")}`);
  const lagging = await db.query<{ name: string }>(
    `SELECT quote_ident(relname) AS name FROM pg_class WHERE relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace AND relallvisible < relpages * 0.9`,
    [SEEDED_TABLES],
  );
  // heimdall-ignore injection -- table names quoted by the catalog (quote_ident); VACUUM takes no parameters
  for (const table of lagging.rows) await db.query(`VACUUM ${table.name}`);
}

export interface SeedResult {
  counts: WrittenCounts;
  plan: OrganisationPlan;
  /** Every row written, when asked for with `collect` (small seeds: the tests compute their expectations from them). */
  teams?: TeamRow[];
  histories?: RepositoryHistory[];
}

/**
 * Generates the organisation described by `options` and writes it with multi-row inserts. A demo team whose slug exists
 * already is reused rather than duplicated. `collect` keeps every row in memory and returns it (for small seeds);
 * `secondDb`, a second connection, lets findings be written while rule results are.
 */
export async function seedOrganisation(
  db: RowQueryable,
  options: OrganisationOptions = {},
  {
    collect = false,
    batchRows = 20_000,
    secondDb = db as Queryable,
    sectionScores = true,
  }: { collect?: boolean; batchRows?: number; secondDb?: Queryable; sectionScores?: boolean } = {},
): Promise<SeedResult> {
  const plan = planOrganisation(options);
  const existing = await db.query<{ id: string; slug: string }>(`SELECT id, slug FROM "Team" WHERE slug = ANY($1::text[])`, [plan.teams.map((team) => team.slug)]);
  const reused = new Map(existing.rows.map((team) => [team.slug, team.id]));
  const idOf = new Map(plan.teams.map((team) => [team.id, reused.get(team.slug) ?? team.id]));
  for (const repository of plan.repositories) repository.row.teamId = idOf.get(repository.row.teamId) ?? repository.row.teamId;
  const writer = new BulkWriter(db, batchRows, secondDb);
  const teams = plan.teams.filter((team) => !reused.has(team.slug));
  await writer.addTeams(teams);
  const histories: RepositoryHistory[] = [];
  for (const repository of plan.repositories) {
    const history = repositoryHistory(plan, repository);
    if (collect) histories.push(history);
    await writer.addHistory(history);
  }
  await writer.flush();
  if (sectionScores) await fillSectionScores(db);
  return { counts: writer.counts, plan, ...(collect ? { teams: plan.teams.map((team) => ({ ...team, id: idOf.get(team.id) ?? team.id })), histories } : {}) };
}

/** Stores the section scores of every snapshot that has none (services/dashboard/section-scores.ts). */
function fillSectionScores(db: RowQueryable): Promise<number> {
  return fillMissingSectionScores(async (statement) => (await db.query(statement.text, statement.values)).rowCount ?? 0);
}

/** What the database holds already: demo repositories, and repositories or teams that are not the demo's. */
export async function describeExistingData(db: RowQueryable): Promise<{ demoRepositories: number; otherRepositories: number; otherTeams: number }> {
  const { rows } = await db.query<{ demo: string; other: string; teams: string }>(
    `SELECT
       (SELECT count(*) FROM "Repository" WHERE starts_with(url, $1)) AS demo,
       (SELECT count(*) FROM "Repository" WHERE NOT starts_with(url, $1)) AS other,
       (SELECT count(*) FROM "Team" t WHERE NOT EXISTS (SELECT 1 FROM "Repository" r WHERE r."teamId" = t.id AND starts_with(r.url, $1))) AS teams`,
    [DEMO_URL_PREFIX],
  );
  const row = rows[0] ?? { demo: "0", other: "0", teams: "0" };
  return { demoRepositories: Number(row.demo), otherRepositories: Number(row.other), otherTeams: Number(row.teams) };
}

/**
 * Removes the demo: its repositories (their scans, rule results and findings go with them) and the teams it brought that
 * are left without repositories. When the database holds nothing else, the tables are truncated instead, which takes a moment rather
 * than minutes.
 */
export async function wipeDemoData(db: RowQueryable): Promise<void> {
  const existing = await describeExistingData(db);
  if (existing.otherRepositories === 0 && existing.otherTeams === 0) {
    await db.query(`TRUNCATE "Finding", "RuleResult", "Scan", "Backfill", "CoverageReport", "Repository", "Team" CASCADE`);
    return;
  }
  // Teams are removed only when the demo brought them and nothing else lives in them (one statement, one snapshot).
  await db.query(
    `WITH gone AS (DELETE FROM "Repository" WHERE starts_with(url, $1) RETURNING "teamId")
     DELETE FROM "Team" t WHERE t.id IN (SELECT "teamId" FROM gone)
       AND NOT EXISTS (SELECT 1 FROM "Repository" r WHERE r."teamId" = t.id AND NOT starts_with(r.url, $1))`,
    [DEMO_URL_PREFIX],
  );
}

export { DEMO_URL_PREFIX };
