import { execFileSync } from "node:child_process";
import path from "node:path";
import { runningEmbeddedPostgresUrl } from "../../app/_server/embedded-postgres-url";
import { E2E_DATA_DIR } from "./paths";

/** The connection URL of the embedded PostgreSQL the e2e server started in E2E_DATA_DIR. */
export function e2eDatabaseUrl(): string {
  const url = runningEmbeddedPostgresUrl(E2E_DATA_DIR);
  if (!url) throw new Error(`No PostgreSQL running in ${E2E_DATA_DIR}/postgres (no live postmaster.pid): is the e2e server running?`);
  return url;
}

export interface DemoSize {
  teams: number;
  repositories: number;
  weeks: number;
}

/**
 * Seeds a demo organisation into the running e2e server's database with `npm run seed:demo` (`--reset` replaces an
 * earlier demo; `--force` because earlier specs left repositories of their own). Returns the script's summary.
 */
export function seedDemo({ teams, repositories, weeks }: DemoSize): string {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const args = ["scripts/seed-demo.ts", "--reset", "--force", "--seed", "e2e", "--teams", String(teams), "--repositories", String(repositories), "--weeks", String(weeks)];
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return execFileSync(process.execPath, [tsx, ...args], { env: { ...inherited, DATABASE_URL: e2eDatabaseUrl(), LOG_LEVEL: "warn" }, encoding: "utf8", timeout: 120_000 });
}
