import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "./paths";

/**
 * The connection URL of the embedded PostgreSQL the e2e server started in E2E_DATA_DIR: its password is kept beside the
 * cluster (`postgres.password`) and its port is the fourth line of PostgreSQL's own `postmaster.pid`. User and database
 * are the names `app/_server/embedded-postgres.ts` gives them.
 */
export function e2eDatabaseUrl(): string {
  const password = readFileSync(path.join(E2E_DATA_DIR, "postgres.password"), "utf8").trim();
  const port = readFileSync(path.join(E2E_DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  if (!port || !/^\d+$/.test(port)) throw new Error(`No port in ${E2E_DATA_DIR}/postgres/postmaster.pid: is the e2e server running?`);
  return `postgresql://heimdall:${encodeURIComponent(password)}@127.0.0.1:${port}/heimdall`;
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
