// A scratch Heimdall for pipeline benchmarks: an embedded PostgreSQL, migrations applied, environment pointed at it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../../app/_server/embedded-postgres";
import { migrateDatabase } from "../../../app/_server/migrate";

export const ROOT = path.resolve(__dirname, "../../..");

export interface BenchHeimdall {
  scratch: string;
  database: EmbeddedDatabase;
  /** Stops PostgreSQL and removes the scratch folder. */
  close(): Promise<void>;
}

/**
 * Starts PostgreSQL in a scratch folder, migrates it, and sets DATABASE_URL, HEIMDALL_DATA_DIR (fresh, so the analysis
 * cache starts cold) and HEIMDALL_LOCAL_REPO_ROOTS (`localRoots`, plus the scratch folder) for this process and the
 * workers it starts. Import Heimdall's services only after this has run.
 */
export async function startBenchHeimdall(localRoots: string[] = []): Promise<BenchHeimdall> {
  const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-bench-"));
  process.env.LOG_LEVEL ??= "warn";
  const database = await startEmbeddedPostgres(path.join(scratch, "pg"));
  await migrateDatabase(database.url, ROOT);
  mkdirSync(path.join(scratch, "repos"));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    HEIMDALL_DATA_DIR: path.join(scratch, "data"),
    HEIMDALL_LOCAL_REPO_ROOTS: [path.join(scratch, "repos"), ...localRoots].join(path.delimiter),
  });
  return {
    scratch,
    database,
    async close() {
      await database.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Heimdall Bench",
  GIT_AUTHOR_EMAIL: "bench@heimdall.invalid",
  GIT_COMMITTER_NAME: "Heimdall Bench",
  GIT_COMMITTER_EMAIL: "bench@heimdall.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** A git repository made from the test fixture `sample`, with one file of its own so no two are identical. */
export function fixtureRepo(parent: string, name: string): string {
  const dir = path.join(parent, name);
  cpSync(path.join(ROOT, "tests/fixtures/repos/sample"), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env: GIT_ENV, stdio: "ignore" });
  execFileSync("sh", ["-c", `printf 'export const id = "%s";\\n' "${name}" > src/identity.ts`], { cwd: dir });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "-m", `Initial ${name}`);
  return dir;
}

/** `npm run worker` as a child process; resolves once its scan pollers started. */
export async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"scan workers started"')) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}: ${output.slice(-2000)}`)));
  });
  child.stdout?.resume();
  return child;
}

/** Percentile of already sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Runs a benchmark's main function: an error is printed with its stack and ends the process with `exitCode`. */
export function runBenchmark(main: () => Promise<void>, exitCode = 1): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(exitCode);
  });
}

/** Writes one line of a benchmark's report to stdout. */
export const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
