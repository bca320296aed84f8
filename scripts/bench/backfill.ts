// Issue 5's backfill benchmark: one weekly point per week back N weeks (default 52) of a real repository with a long
// history, against one full scan of its newest commit. Both start from a cold analysis cache in their own data folder;
// both run in this process, through the same code the workers run (runScan, runBackfill).
//
//   npm run bench:backfill -- [repository folder, default /work/corpus/umami] [--weeks 52]
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { percentile, startBenchHeimdall } from "./lib/bench-db";

const print = (line: string) => process.stdout.write(`${line}\n`);
const DAY = 24 * 60 * 60 * 1000;

function weeksOption(): number {
  const index = process.argv.indexOf("--weeks");
  const weeks = index >= 0 ? Number(process.argv[index + 1]) : 52;
  if (!Number.isInteger(weeks) || weeks < 1) throw new Error("--weeks must be a positive integer");
  return weeks;
}

async function main(): Promise<void> {
  const repo = path.resolve(process.argv.slice(2).find((arg, index, all) => !arg.startsWith("--") && all[index - 1] !== "--weeks") ?? "/work/corpus/umami");
  const weeks = weeksOption();
  const heimdall = await startBenchHeimdall([path.dirname(repo)]);
  try {
    const { getDb, disconnectDb } = await import("../../app/_server/db");
    const { registerRepository } = await import("../../app/_server/services/repositories");
    const { runScan } = await import("../../app/_server/services/scans");
    const { runBackfill } = await import("../../app/_server/services/backfill");
    const db = getDb();
    const repository = await registerRepository({ url: repo, schedule: null });

    // One full scan of the newest commit, cold: clone, parse every file, run every rule, store the snapshot.
    process.env.HEIMDALL_DATA_DIR = mkdtempSync(path.join(heimdall.scratch, "full-"));
    const scan = await db.scan.create({ data: { repositoryId: repository.id, trigger: "bench" } });
    let started = performance.now();
    await runScan(scan.id, { isFinalAttempt: true });
    const fullMs = performance.now() - started;
    const full = await db.scan.findUniqueOrThrow({ where: { id: scan.id } });
    if (full.status !== "succeeded") throw new Error(`the full scan failed: ${full.error}`);
    const fullStats = full.stats as { files: number };
    print(`full scan     ${(fullMs / 1000).toFixed(1)} s  (${fullStats.files} files, score ${full.score}, commit ${full.commitSha?.slice(0, 8)})`);

    // The backfill, with its own cold cache: one history clone, then each weekly point checked out and scanned.
    process.env.HEIMDALL_DATA_DIR = mkdtempSync(path.join(heimdall.scratch, "backfill-"));
    const newest = full.committedAt ?? new Date();
    const since = new Date(newest.getTime() - weeks * 7 * DAY + DAY);
    const backfill = await db.backfill.create({ data: { repositoryId: repository.id, since, intervalDays: 7 } });
    started = performance.now();
    await runBackfill(backfill.id, { isFinalAttempt: true });
    const backfillMs = performance.now() - started;

    const done = await db.backfill.findUniqueOrThrow({ where: { id: backfill.id } });
    const points = await db.scan.findMany({ where: { backfillId: backfill.id }, orderBy: { committedAt: "desc" } });
    const succeeded = points.filter((point) => point.status === "succeeded");
    const durations = succeeded.map((point) => point.durationMs ?? 0).sort((a, b) => a - b);
    const caches = succeeded.map((point) => (point.stats as { cache?: { hits: number; misses: number } } | null)?.cache ?? { hits: 0, misses: 0 });
    const parsed = caches.reduce((sum, cache) => sum + cache.misses, 0);
    const reused = caches.reduce((sum, cache) => sum + cache.hits, 0);
    const pointsMs = durations.reduce((sum, ms) => sum + ms, 0);
    const scores = [...succeeded].reverse().map((point) => point.score);

    print(`backfill      ${(backfillMs / 1000).toFixed(1)} s  for ${points.length} points (${succeeded.length} succeeded, status ${done.status}${done.error ? `: ${done.error}` : ""})`);
    print(`              history clone and checkouts ${((backfillMs - pointsMs) / 1000).toFixed(1)} s; points P50 ${(percentile(durations, 50) / 1000).toFixed(2)} s, P95 ${(percentile(durations, 95) / 1000).toFixed(2)} s, first (cold) ${((points[0]?.durationMs ?? 0) / 1000).toFixed(1)} s`);
    print(`              files parsed ${parsed}, reused from the cache ${reused} (${((reused / Math.max(1, reused + parsed)) * 100).toFixed(1)} % reused)`);
    print(`              oldest → newest score: ${scores.join(" ")}`);
    print("");
    print(`backfill of ${points.length} points = ${(backfillMs / fullMs).toFixed(1)} full scans (vs ${points.length} if each point were a full scan): ${((backfillMs / (fullMs * points.length)) * 100).toFixed(1)} % of the cost`);
    await disconnectDb();
  } finally {
    await heimdall.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
