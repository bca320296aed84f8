// Issue 5's queue benchmark: N scans of fixture repositories (default 200) on W worker processes (default 2), each
// taking one scan at a time. Prints whether every scan succeeded, none was lost or stored twice, and the throughput.
//
//   npm run bench:queue -- [--scans 200] [--workers 2]
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Scan } from "../../app/_server/db";
import { fixtureRepo, percentile, print, runBenchmark, startBenchHeimdall, startWorker } from "./lib/bench-db";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Registers `count` fixture repositories (each its own git repository) and returns their ids. */
async function prepareRepositories(scratch: string, count: number): Promise<string[]> {
  const { registerRepository } = await import("../../app/_server/services/repositories");
  const started = performance.now();
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const dir = fixtureRepo(path.join(scratch, "repos"), `fixture-${String(index).padStart(3, "0")}`);
    ids.push((await registerRepository({ url: dir, team: `Team ${index % 10}`, schedule: null })).id);
  }
  print(`prepared ${count} fixture repositories in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return ids;
}

/** Eight clients asking at once, as CI pipelines and the scheduler would; returns the scan ids. */
async function requestAll(repositoryIds: readonly string[]): Promise<string[]> {
  const { requestScan } = await import("../../app/_server/services/scans");
  const scanIds: string[] = [];
  const pending = [...repositoryIds];
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let id = pending.shift(); id !== undefined; id = pending.shift()) scanIds.push((await requestScan(id, "bench")).id);
  }));
  return scanIds;
}

/** Polls until no scan of `ids` is queued or running, and returns their rows. */
async function waitForAll(ids: string[]): Promise<Scan[]> {
  const { getDb } = await import("../../app/_server/db");
  while ((await getDb().scan.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } })) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return getDb().scan.findMany({ where: { id: { in: ids } } });
}

/** Prints the figures; true when every scan succeeded and no repository stored two snapshots. */
async function report(rows: Scan[], repositoryIds: string[], enqueueMs: number, wallMs: number): Promise<boolean> {
  const { getDb } = await import("../../app/_server/db");
  const snapshots = await getDb().scan.groupBy({ by: ["repositoryId"], where: { repositoryId: { in: repositoryIds }, status: "succeeded", duplicateOfId: null }, _count: { _all: true } });
  const storedTwice = snapshots.filter((group) => group._count._all > 1).length;
  const succeeded = rows.filter((row) => row.status === "succeeded").length;
  const failed = rows.filter((row) => row.status === "failed");
  const durations = rows.map((row) => row.durationMs ?? 0).sort((a, b) => a - b);
  const waits = rows.map((row) => (row.startedAt ? row.startedAt.getTime() - row.queuedAt.getTime() : 0)).sort((a, b) => a - b);
  print("");
  print(`scans requested        ${repositoryIds.length} (enqueued in ${enqueueMs.toFixed(0)} ms)`);
  print(`succeeded / failed     ${succeeded} / ${failed.length}${failed.length ? ` — first reason: ${failed[0]?.error}` : ""}`);
  print(`lost (never finished)  ${repositoryIds.length - succeeded - failed.length}`);
  print(`snapshots stored       ${snapshots.reduce((sum, group) => sum + group._count._all, 0)} (repositories with more than one: ${storedTwice}); job attempts ${rows.reduce((sum, row) => sum + row.attempts, 0)}`);
  print(`wall time              ${(wallMs / 1000).toFixed(1)} s`);
  print(`throughput             ${((rows.length / wallMs) * 60_000).toFixed(1)} scans/min (${(rows.length / (wallMs / 1000)).toFixed(2)} scans/s)`);
  print(`scan duration          P50 ${percentile(durations, 50)} ms, P95 ${percentile(durations, 95)} ms`);
  print(`queue wait             P50 ${(percentile(waits, 50) / 1000).toFixed(1)} s, P95 ${(percentile(waits, 95) / 1000).toFixed(1)} s`);
  return succeeded === repositoryIds.length && storedTwice === 0;
}

async function main(): Promise<void> {
  const heimdall = await startBenchHeimdall();
  const workers: ChildProcess[] = [];
  try {
    const repositoryIds = await prepareRepositories(heimdall.scratch, option("scans", 200));
    const workerCount = option("workers", 2);
    for (let index = 0; index < workerCount; index += 1) workers.push(await startWorker({ HEIMDALL_WORKER_CONCURRENCY: "1" }));
    print(`${workerCount} worker processes, one scan at a time each`);
    const started = performance.now();
    const scanIds = await requestAll(repositoryIds);
    const enqueueMs = performance.now() - started;
    const rows = await waitForAll(scanIds);
    if (!(await report(rows, repositoryIds, enqueueMs, performance.now() - started))) process.exitCode = 1;
    await (await import("../../app/_server/queue/boss")).stopProducer();
    await (await import("../../app/_server/db")).disconnectDb();
  } finally {
    await Promise.all(workers.map((worker) => new Promise((resolve) => { worker.once("exit", resolve); worker.kill("SIGTERM"); })));
    await heimdall.close();
  }
}

runBenchmark(main);
