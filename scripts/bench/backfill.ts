// Issue 5's backfill benchmark: one weekly point per week back N weeks (default 52) of a real repository with a long
// history, against one full scan of its newest commit. Both start from a cold analysis cache in their own data folder;
// both run in this process, through the same code the workers run (runScan, runBackfill).
//
//   npm run bench:backfill -- [repository folder, default /work/corpus/umami] [--weeks 52]
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Scan } from "../../app/_server/db";
import { percentile, print, runBenchmark, startBenchHeimdall } from "./lib/bench-db";

const DAY = 24 * 60 * 60 * 1000;

function weeksOption(): number {
  const index = process.argv.indexOf("--weeks");
  const weeks = index >= 0 ? Number(process.argv[index + 1]) : 52;
  if (!Number.isInteger(weeks) || weeks < 1) throw new Error("--weeks must be a positive integer");
  return weeks;
}

/** One full scan of the newest commit, cold: clone, parse every file, run every rule, store the snapshot. */
async function fullScan(repositoryId: string, scratch: string): Promise<{ scan: Scan; ms: number }> {
  const { getDb } = await import("../../app/_server/db");
  const { runScan } = await import("../../app/_server/services/scans");
  process.env.HEIMDALL_DATA_DIR = mkdtempSync(path.join(scratch, "full-"));
  const created = await getDb().scan.create({ data: { repositoryId, trigger: "bench" } });
  const started = performance.now();
  await runScan(created.id, { isFinalAttempt: true });
  const ms = performance.now() - started;
  const scan = await getDb().scan.findUniqueOrThrow({ where: { id: created.id } });
  if (scan.status !== "succeeded") throw new Error(`the full scan failed: ${scan.error}`);
  print(`full scan     ${(ms / 1000).toFixed(1)} s  (${(scan.stats as { files: number }).files} files, score ${scan.score}, commit ${scan.commitSha?.slice(0, 8)})`);
  return { scan, ms };
}

/** The backfill, with its own cold cache: one history clone, then each weekly point checked out and scanned. */
async function backfill(repositoryId: string, scratch: string, since: Date): Promise<{ id: string; ms: number }> {
  const { getDb } = await import("../../app/_server/db");
  const { runBackfill } = await import("../../app/_server/services/backfill");
  process.env.HEIMDALL_DATA_DIR = mkdtempSync(path.join(scratch, "backfill-"));
  const { id } = await getDb().backfill.create({ data: { repositoryId, since, intervalDays: 7 } });
  const started = performance.now();
  await runBackfill(id, { isFinalAttempt: true });
  return { id, ms: performance.now() - started };
}

async function report(backfillId: string, backfillMs: number, fullMs: number): Promise<void> {
  const { getDb } = await import("../../app/_server/db");
  const done = await getDb().backfill.findUniqueOrThrow({ where: { id: backfillId } });
  const points = await getDb().scan.findMany({ where: { backfillId }, orderBy: { committedAt: "desc" } });
  const succeeded = points.filter((point) => point.status === "succeeded");
  const durations = succeeded.map((point) => point.durationMs ?? 0).sort((a, b) => a - b);
  const caches = succeeded.map((point) => (point.stats as { cache?: { hits: number; misses: number } } | null)?.cache ?? { hits: 0, misses: 0 });
  const parsed = caches.reduce((sum, cache) => sum + cache.misses, 0);
  const reused = caches.reduce((sum, cache) => sum + cache.hits, 0);
  const pointsMs = durations.reduce((sum, ms) => sum + ms, 0);
  print(`backfill      ${(backfillMs / 1000).toFixed(1)} s  for ${points.length} points (${succeeded.length} succeeded, status ${done.status}${done.error ? `: ${done.error}` : ""})`);
  print(`              outside the points' analysis (history clone, snapshot writes) ${((backfillMs - pointsMs) / 1000).toFixed(1)} s; points P50 ${(percentile(durations, 50) / 1000).toFixed(2)} s, P95 ${(percentile(durations, 95) / 1000).toFixed(2)} s, first (cold) ${((points[0]?.durationMs ?? 0) / 1000).toFixed(1)} s`);
  print(`              files parsed ${parsed}, reused from the cache ${reused} (${((reused / Math.max(1, reused + parsed)) * 100).toFixed(1)} % reused)`);
  print(`              oldest → newest score: ${[...succeeded].reverse().map((point) => point.score).join(" ")}`);
  print("");
  print(`backfill of ${points.length} points = ${(backfillMs / fullMs).toFixed(1)} full scans (vs ${points.length} if each point were a full scan): ${((backfillMs / (fullMs * points.length)) * 100).toFixed(1)} % of the cost`);
}

async function main(): Promise<void> {
  const repo = path.resolve(process.argv.slice(2).find((arg, index, all) => !arg.startsWith("--") && all[index - 1] !== "--weeks") ?? "/work/corpus/umami");
  const weeks = weeksOption();
  const heimdall = await startBenchHeimdall([path.dirname(repo)]);
  try {
    const { registerRepository } = await import("../../app/_server/services/repositories");
    const repository = await registerRepository({ url: repo, schedule: null });
    const full = await fullScan(repository.id, heimdall.scratch);
    const since = new Date((full.scan.committedAt ?? new Date()).getTime() - weeks * 7 * DAY + DAY);
    const { id, ms } = await backfill(repository.id, heimdall.scratch, since);
    await report(id, ms, full.ms);
    await (await import("../../app/_server/db")).disconnectDb();
  } finally {
    await heimdall.close();
  }
}

runBenchmark(main);
