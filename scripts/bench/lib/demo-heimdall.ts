// A Heimdall serving the demo organisation, for the dashboard benchmarks (`bench:api`, `bench:pages`): a running one
// (`--url`), or one started here the way `npm start` does — production build, Next.js server on a spare port —
// against DATABASE_URL, or against an embedded PostgreSQL in a scratch folder seeded with the full demo first.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { API_TOKEN_PREFIX } from "../../../app/_server/auth/api-tokens";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../../app/_server/auth/cookies";
import { randomSecret, sha256 } from "../../../app/_server/auth/secrets";
import { SESSION_LIFETIME_MS } from "../../../app/_server/auth/sessions";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../../app/_server/embedded-postgres";
import { migrateDatabase } from "../../../app/_server/migrate";
import { describeExistingData, loadOrganisation, vacuumSeededTables } from "../../../prisma/seed/demo";
import { ensureBuild } from "../../lib/build";

const ROOT = path.resolve(__dirname, "../../..");

export interface DemoHeimdall {
  /** Where it answers, e.g. `http://127.0.0.1:41234`. */
  base: string;
  /** The database it serves, for listing teams and repositories to request. */
  databaseUrl: string;
  /** An admin API token and an admin's signed-in session, made for this run (every route but health needs credentials). */
  credentials: BenchCredentials;
  /** Stops what was started here (server, embedded PostgreSQL, scratch folder) and removes the credentials. */
  stop(): Promise<void>;
}

export interface BenchCredentials {
  /** `Authorization` header value: an admin API token. */
  authorization: string;
  /** The session and CSRF cookies of a signed-in admin, for a browser. */
  cookies: Array<{ name: string; value: string }>;
}

const BENCH_EMAIL = (id: string) => `bench-${id}@heimdall.invalid`;

/**
 * An admin API token and an admin user with a session, written straight into the served database the way
 * `npm run admin -- token create --admin` and a sign-in would; `remove` deletes them (the session goes with the user).
 */
export async function createBenchCredentials(databaseUrl: string): Promise<{ credentials: BenchCredentials; remove(): Promise<void> }> {
  const id = randomUUID();
  const token = randomSecret(API_TOKEN_PREFIX);
  const session = randomSecret();
  const csrf = randomSecret();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO "ApiToken" (id, name, prefix, "tokenHash", admin, scopes, "createdBy") VALUES ($1, $2, $3, $4, true, '{}', 'cli')`, [id, `bench ${id}`, token.slice(0, API_TOKEN_PREFIX.length + 6), sha256(token)]);
    await client.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'admin')`, [id, BENCH_EMAIL(id)]);
    await client.query(`INSERT INTO "Session" (id, "tokenHash", "userId", "csrfToken", "expiresAt") VALUES ($1, $2, $1, $3, $4)`, [id, sha256(session), csrf, new Date(Date.now() + SESSION_LIFETIME_MS)]);
  } finally {
    await client.end();
  }
  return {
    credentials: { authorization: `Bearer ${token}`, cookies: [{ name: SESSION_COOKIE, value: session }, { name: CSRF_COOKIE, value: csrf }] },
    async remove() {
      const cleanup = new Client({ connectionString: databaseUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DELETE FROM "ApiToken" WHERE id = $1`, [id]);
        await cleanup.query(`DELETE FROM "User" WHERE id = $1`, [id]);
      } finally {
        await cleanup.end();
      }
    },
  };
}

const say = (text: string) => process.stdout.write(`${text}\n`);

/** A database holding the demo: DATABASE_URL's (seeded when it has no demo), or an embedded one in a scratch folder. */
async function demoDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null; scratch: string | null }> {
  const scratch = process.env.DATABASE_URL ? null : mkdtempSync(path.join(os.tmpdir(), "heimdall-bench-demo-"));
  const embedded = scratch ? await startEmbeddedPostgres(path.join(scratch, "pg")) : null;
  const url = process.env.DATABASE_URL ?? embedded?.url ?? "";
  await migrateDatabase(url, ROOT);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if ((await describeExistingData(client)).demoRepositories === 0) {
      say("Seeding the demo organisation (about a minute)…");
      await loadOrganisation(client, {});
      await vacuumSeededTables(client);
    }
  } finally {
    await client.end();
  }
  return { url, embedded, scratch };
}

/** Builds the dashboard if needed and starts its production server on a spare port; resolves when it answers. */
async function startServer(databaseUrl: string, { cacheSeconds, webProcesses }: ServerOptions): Promise<{ base: string; child: ChildProcess }> {
  await ensureBuild(ROOT);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: "production", LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" };
  if (cacheSeconds !== undefined) env.HEIMDALL_DASHBOARD_CACHE_SECONDS = String(cacheSeconds);
  env.HOSTNAME = "127.0.0.1";
  env.HEIMDALL_WEB_PROCESSES = String(webProcesses ?? 1);
  // `npm run web`: the dashboard exactly as Heimdall serves it, without scan workers or the scheduler.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/web.ts"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/api/health`).then((response) => response.ok || response.status === 503).catch(() => false);
    if (ready) return { base, child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGTERM");
  throw new Error("the dashboard did not answer within a minute");
}

/**
/** How to start the server measured: HEIMDALL_DASHBOARD_CACHE_SECONDS and HEIMDALL_WEB_PROCESSES (default 1). */
export interface ServerOptions {
  cacheSeconds?: number | undefined;
  webProcesses?: number | undefined;
}

/**
 * The Heimdall to measure. With `url`, the running one there (DATABASE_URL must name its database); otherwise one
 * started here with `npm run web` and the given options.
 */
export async function startDemoHeimdall({ url, ...options }: { url?: string | undefined } & ServerOptions = {}): Promise<DemoHeimdall> {
  if (url) {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("With --url, set DATABASE_URL to the same database, so the benchmark can list its teams and repositories and sign in.");
    const { credentials, remove } = await createBenchCredentials(databaseUrl);
    return { base: url.replace(/\/$/, ""), databaseUrl, credentials, stop: remove };
  }
  const database = await demoDatabase();
  const server = await startServer(database.url, options);
  const { credentials, remove } = await createBenchCredentials(database.url);
  return {
    base: server.base,
    databaseUrl: database.url,
    credentials,
    async stop() {
      await remove();
      server.child.kill("SIGTERM");
      await new Promise((resolve) => server.child.once("exit", resolve));
      await database.embedded?.stop();
      if (database.scratch) rmSync(database.scratch, { recursive: true, force: true });
    },
  };
}

/** A Markdown table: the first column left-aligned, the others right-aligned, every column as wide as its widest cell. */
export function markdownTable(header: readonly string[], lines: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)));
  const render = (cells: readonly string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(" | ")} |`;
  return [render(header), `|${widths.map((width, column) => (column === 0 ? ":" : "-").padEnd(width + 1, "-") + (column === 0 ? "-" : ":")).join("|")}|`, ...lines.map(render)].join("\n");
}

/** Runs a benchmark's `main`: an error prints its stack and exits with 2 (1 is left for "over budget"). */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  });
}
