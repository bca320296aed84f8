// `npm run seed:demo [-- --reset] [--force] [--seed S] [--teams N] [--repositories N] [--weeks N]`
//
// Fills the database with a realistic demo organisation — by default 20 teams, 500 repositories, 104 weekly snapshots
// each with every rule's result, findings for the latest snapshots, failed, dead-lettered and stale ones among them —
// for screenshots, the dashboard and `npm run bench:api`. The database is DATABASE_URL's or, when unset, the embedded
// one `npm start` uses (HEIMDALL_DATA_DIR); migrations are applied first, as `npm start` does.
//
// It refuses a database holding anything but demo data unless given --force, and seeds only once: --reset removes the
// demo first. Deterministic: the same seed gives the same organisation, its dates ending this week.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { z } from "zod";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/_server/embedded-postgres";
import { ConfigError, loadEnv } from "../app/_server/env";
import { logger } from "../app/_server/logger";
import { migrateDatabase } from "../app/_server/migrate";
import { describeExistingData, loadOrganisation, vacuumSeededTables, wipeDemoData } from "../prisma/seed/demo";
import { DEMO_DEFAULTS } from "../prisma/seed/organisation";

const count = (max: number) => z.coerce.number().int().min(1).max(max);
const argsSchema = z.object({
  reset: z.boolean().default(false),
  force: z.boolean().default(false),
  seed: z.string().min(1).default(DEMO_DEFAULTS.seed),
  teams: count(200).default(DEMO_DEFAULTS.teams),
  repositories: count(20_000).default(DEMO_DEFAULTS.repositories),
  weeks: count(520).default(DEMO_DEFAULTS.weeks),
});

function readArgs() {
  const { values } = parseArgs({
    options: {
      reset: { type: "boolean" },
      force: { type: "boolean" },
      seed: { type: "string" },
      teams: { type: "string" },
      repositories: { type: "string" },
      weeks: { type: "string" },
    },
  });
  return argsSchema.parse(values);
}

const say = (text: string) => process.stdout.write(`${text}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** DATABASE_URL, or the embedded PostgreSQL in HEIMDALL_DATA_DIR (which must not be running already). */
async function openDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const env = loadEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  try {
    const embedded = await startEmbeddedPostgres(env.HEIMDALL_DATA_DIR);
    return { url: embedded.url, embedded };
  } catch (error) {
    throw new Error(`Could not start the embedded PostgreSQL in ${env.HEIMDALL_DATA_DIR} (is Heimdall running? stop it first, or set DATABASE_URL): ${String(error)}`);
  }
}

async function main(): Promise<number> {
  const args = readArgs();
  const started = performance.now();
  const { url, embedded } = await openDatabase();
  const client = new Client({ connectionString: url });
  const second = new Client({ connectionString: url });
  try {
    await migrateDatabase(url, process.cwd());
    await Promise.all([client.connect(), second.connect()]);
    return await seed(client, second, args, started);
  } finally {
    await Promise.all([client.end(), second.end()]).catch(() => undefined);
    await embedded?.stop();
  }
}

async function seed(client: Client, second: Client, args: z.infer<typeof argsSchema>, started: number): Promise<number> {
  const refusal = await refusalFor(client, args);
  if (refusal !== null) return refusal;
  // The seed can be written again from scratch; losing its last milliseconds in a crash costs nothing.
  await Promise.all([client, second].map((connection) => connection.query("SET synchronous_commit = off")));
  const writing = performance.now();
  const counts = await loadOrganisation(client, { seed: args.seed, teams: args.teams, repositories: args.repositories, weeks: args.weeks }, second);
  say(`Wrote ${counts.teams} teams, ${counts.repositories} repositories, ${counts.scans} scans, ${counts.ruleResults} rule results and ${counts.findings} findings in ${seconds(writing)}.`);
  const analysing = performance.now();
  await vacuumSeededTables(client);
  say(`Vacuumed and analysed in ${seconds(analysing)}; ${seconds(started)} in all.`);
  await summarise(client);
  return 0;
}

/** The exit code when the database must not be seeded (already seeded, or holding other data), else null; wipes on --reset. */
async function refusalFor(client: Client, args: z.infer<typeof argsSchema>): Promise<number | null> {
  const existing = await describeExistingData(client);
  if (existing.demoRepositories > 0 && !args.reset) {
    say(`The demo is seeded already (${existing.demoRepositories} repositories); run with --reset to create it again.`);
    return 0;
  }
  if ((existing.otherRepositories > 0 || existing.otherTeams > 0) && !args.force) {
    say(`Refusing to seed: the database holds ${existing.otherRepositories} repositories and ${existing.otherTeams} teams that are not the demo's. Use another DATABASE_URL, or pass --force to add the demo beside them.`);
    return 1;
  }
  if (args.reset && existing.demoRepositories > 0) {
    const wiping = performance.now();
    await wipeDemoData(client);
    say(`Removed the previous demo in ${seconds(wiping)}.`);
  }
  return null;
}

async function summarise(client: Client): Promise<void> {
  const summary = await client.query<{ snapshots: string; failed: string; dead: string; stale: string }>(
    `SELECT count(*) FILTER (WHERE status = 'succeeded' AND "duplicateOfId" IS NULL) AS snapshots,
            count(*) FILTER (WHERE status = 'failed') AS failed,
            count(*) FILTER (WHERE "deadLetteredAt" IS NOT NULL) AS dead,
            (SELECT count(*) FROM (SELECT "repositoryId" FROM "Scan" WHERE status = 'succeeded' GROUP BY 1
               HAVING max("finishedAt") < (now() AT TIME ZONE 'UTC') - interval '14 days') stale) AS stale
     FROM "Scan"`,
  );
  const row = summary.rows[0];
  if (row) say(`Snapshots ${row.snapshots}, failed scans ${row.failed} (${row.dead} dead-lettered), stale repositories ${row.stale}.`);
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof z.ZodError) say(error.message);
    else logger.fatal({ err: error }, "seeding failed");
    logger.flush();
    process.exit(2);
  });
