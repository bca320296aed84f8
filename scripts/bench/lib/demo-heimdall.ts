// A Heimdall serving the demo organisation, for the dashboard benchmarks (`bench:api`, `bench:pages`): a running one
// (`--url`), or one started here the way `npm start` does — production build, Next.js server on a spare port —
// against DATABASE_URL, or against an embedded PostgreSQL in a scratch folder seeded with the full demo first.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
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
  /** Stops what was started here (server, embedded PostgreSQL, scratch folder); nothing for a running Heimdall. */
  stop(): Promise<void>;
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
async function startServer(databaseUrl: string, cacheSeconds: number | undefined): Promise<{ base: string; child: ChildProcess }> {
  await ensureBuild(ROOT);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: "production", LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" };
  if (cacheSeconds !== undefined) env.HEIMDALL_DASHBOARD_CACHE_SECONDS = String(cacheSeconds);
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
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
 * The Heimdall to measure. With `url`, the running one there (DATABASE_URL must name its database); otherwise one
 * started here, with HEIMDALL_DASHBOARD_CACHE_SECONDS set to `cacheSeconds` when given.
 */
export async function startDemoHeimdall({ url, cacheSeconds }: { url?: string; cacheSeconds?: number } = {}): Promise<DemoHeimdall> {
  if (url) {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("With --url, set DATABASE_URL to the same database, so the benchmark can list its teams and repositories.");
    return { base: url.replace(/\/$/, ""), databaseUrl, stop: async () => undefined };
  }
  const database = await demoDatabase();
  const server = await startServer(database.url, cacheSeconds);
  return {
    base: server.base,
    databaseUrl: database.url,
    async stop() {
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
