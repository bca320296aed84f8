// Issue 5's queue benchmark: N scans of fixture repositories (default 200) on W worker processes (default 2), each
// taking one scan at a time. Prints whether every scan succeeded, none was lost or stored twice, and the throughput.
//
//   npm run bench:queue -- [--scans 200] [--workers 2]
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { ChildProcess } from "node:child_process";
import { fixtureRepo, percentile, startBenchHeimdall, startWorker } from "./lib/bench-db";

const print = (line: string) => process.stdout.write(`${line}\n`);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const scans = option("scans", 200);
  const workerCount = option("workers", 2);
  const heimdall = await startBenchHeimdall();
  const workers: ChildProcess[] = [];
  try {
    const { getDb, disconnectDb } = await import("../../app/_server/db");
    const { registerRepository } = await import("../../app/_server/services/repositories");
    const { requestScan } = await import("../../app/_server/services/scans");
    const { stopProducer } = await import("../../app/_server/queue/boss");

    let started = performance.now();
    const repositoryIds: string[] = [];
    for (let index = 0; index < scans; index += 1) {
      const dir = fixtureRepo(path.join(heimdall.scratch, "repos"), `fixture-${String(index).padStart(3, "0")}`);
      repositoryIds.push((await registerRepository({ url: dir, team: `Team ${index % 10}`, schedule: null })).id);
    }
    print(`prepared ${scans} fixture repositories in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    for (let index = 0; index < workerCount; index += 1) workers.push(await startWorker({ HEIMDALL_WORKER_CONCURRENCY: "1" }));
    print(`${workerCount} worker processes, one scan at a time each`);

    started = performance.now();
    // Eight clients asking at once, as CI pipelines and the scheduler would.
    const requested: Awaited<ReturnType<typeof requestScan>>[] = [];
    const pending = [...repositoryIds];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let id = pending.shift(); id !== undefined; id = pending.shift()) requested.push(await requestScan(id, "bench"));
    }));
    const enqueueMs = performance.now() - started;
    const ids = requested.map((scan) => scan.id);
    const db = getDb();
    for (;;) {
      const open = await db.scan.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } });
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const wallMs = performance.now() - started;

    const rows = await db.scan.findMany({ where: { id: { in: ids } } });
    const succeeded = rows.filter((row) => row.status === "succeeded").length;
    const failed = rows.filter((row) => row.status === "failed");
    const snapshots = await db.scan.groupBy({ by: ["repositoryId"], where: { repositoryId: { in: repositoryIds }, status: "succeeded", duplicateOfId: null }, _count: { _all: true } });
    const stored = snapshots.reduce((sum, group) => sum + group._count._all, 0);
    const storedTwice = snapshots.filter((group) => group._count._all > 1).length;
    const attempts = rows.reduce((sum, row) => sum + row.attempts, 0);
    const durations = rows.map((row) => row.durationMs ?? 0).sort((a, b) => a - b);
    const waits = rows.map((row) => (row.startedAt ? row.startedAt.getTime() - row.queuedAt.getTime() : 0)).sort((a, b) => a - b);

    print("");
    print(`scans requested        ${scans} (enqueued in ${enqueueMs.toFixed(0)} ms)`);
    print(`succeeded / failed     ${succeeded} / ${failed.length}${failed.length ? ` — first reason: ${failed[0]?.error}` : ""}`);
    print(`lost (never finished)  ${scans - rows.filter((row) => row.status === "succeeded" || row.status === "failed").length}`);
    print(`snapshots stored       ${stored} (repositories with more than one: ${storedTwice}); job attempts ${attempts}`);
    print(`wall time              ${(wallMs / 1000).toFixed(1)} s`);
    print(`throughput             ${((scans / wallMs) * 60_000).toFixed(1)} scans/min (${(scans / (wallMs / 1000)).toFixed(2)} scans/s)`);
    print(`scan duration          P50 ${percentile(durations, 50)} ms, P95 ${percentile(durations, 95)} ms`);
    print(`queue wait             P50 ${(percentile(waits, 50) / 1000).toFixed(1)} s, P95 ${(percentile(waits, 95) / 1000).toFixed(1)} s`);
    await stopProducer();
    await disconnectDb();
    if (succeeded !== scans || storedTwice > 0) process.exitCode = 1;
  } finally {
    await Promise.all(workers.map((worker) => new Promise((resolve) => { worker.once("exit", resolve); worker.kill("SIGTERM"); })));
    await heimdall.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
