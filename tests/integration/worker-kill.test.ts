import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ANALYZERS } from "@/analyzers";
import type { ScanDto } from "@/app/_lib/dto";
import { GET as listDeadLetters } from "@/app/api/dead-letters/route";
import { POST as retryScan } from "@/app/api/scans/[id]/retry/route";
import { getDb } from "@/app/_server/db";
import { getProducer, SCAN_QUEUE } from "@/app/_server/queue/boss";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { registerRepo, requestScanOf, waitForScan } from "../helpers/scans";
import { startWorkerProcess, type WorkerProcess } from "../helpers/worker-process";

/** A scan ends by itself after 10 s, so pg-boss takes a job still active 25 s after it started for dead. */
const WORKER_ENV = { HEIMDALL_SCAN_TIMEOUT_SECONDS: "10", HEIMDALL_QUEUE_MAINTENANCE_SECONDS: "1", HEIMDALL_WORKER_CONCURRENCY: "2" };

const workers: WorkerProcess[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop("SIGTERM")));
});

/** The sample repository with a few hundred more modules, so a scan runs long enough to be killed in the middle. */
function largerRepo(): string {
  const repo = createFixtureRepo(inject("repoRoot"), "sample");
  const body = Array.from({ length: 20 }, (_, line) => `  value += ${line};`).join("\n");
  for (let index = 0; index < 400; index += 1) {
    const file = path.join(repo, "src", "generated", `module${index}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `export function compute${index}(value: number): number {\n${body}\n  return value;\n}\n`);
  }
  commitFile(repo, "src/generated/index.ts", "export {};\n", "Add generated modules");
  return repo;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a worker killed with SIGKILL mid-scan", () => {
  it("has its job retried by another worker into exactly one snapshot; a job on its last attempt joins the dead-letter list", async () => {
    const retried = await registerRepo(largerRepo());
    const lastChance = await registerRepo(largerRepo());

    const first = startWorkerProcess(WORKER_ENV);
    workers.push(first);
    await first.ready;
    const scanA = await requestScanOf(retried.id);
    // A scan whose job has no retries left, sent straight to the queue: when its worker dies, pg-boss dead-letters it.
    const scanB = await getDb().scan.create({ data: { repositoryId: lastChance.id, trigger: "manual", jobId: randomUUID() } });
    await (await getProducer()).send(SCAN_QUEUE, { scanId: scanB.id }, { id: scanB.jobId ?? undefined, retryLimit: 0 });

    const running = async () => (await getDb().scan.count({ where: { id: { in: [scanA.id, scanB.id] }, status: "running" } })) === 2;
    await waitUntil(running, 60_000, "both scans running");
    await first.stop("SIGKILL");
    expect(await getDb().ruleResult.count({ where: { scanId: { in: [scanA.id, scanB.id] } } })).toBe(0);

    const second = startWorkerProcess(WORKER_ENV);
    workers.push(second);
    await second.ready;
    const finishedA = await waitForScan(scanA.id, 90_000);
    const finishedB = await waitForScan(scanB.id, 90_000);

    expect(finishedA).toMatchObject({ status: "succeeded", attempts: 2, error: null, deadLetteredAt: null });
    expect(await getDb().scan.count({ where: { repositoryId: retried.id, status: "succeeded" } })).toBe(1);
    expect(await getDb().ruleResult.count({ where: { scanId: scanA.id } })).toBe(ANALYZERS.length);

    expect(finishedB.status).toBe("failed");
    expect(finishedB.error).toMatch(/job ended without a result/);
    expect(finishedB.deadLetteredAt).not.toBeNull();
    expect(await getDb().ruleResult.count({ where: { scanId: scanB.id } })).toBe(0);
    const { body: deadLetters } = await call<ScanDto[]>(listDeadLetters, { url: `http://heimdall.test/api/dead-letters?repository=${lastChance.id}` });
    expect(deadLetters.map((scan) => scan.id)).toEqual([scanB.id]);

    // From the dead-letter list, "run again" scans the branch anew.
    const { status, body: again } = await call<ScanDto>(retryScan, { method: "POST", params: { id: scanB.id } });
    expect(status).toBe(202);
    expect(again.trigger).toBe("retry");
    expect(await waitForScan(again.id, 60_000)).toMatchObject({ status: "succeeded" });
  });

  it("refuses to retry a scan that did not fail, and answers unknown scans with 404", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const scan = await getDb().scan.create({ data: { repositoryId: repository.id, status: "succeeded" } });
    expect((await call(retryScan, { method: "POST", params: { id: scan.id } })).status).toBe(409);
    expect((await call(retryScan, { method: "POST", params: { id: "nope" } })).status).toBe(404);
  });
});
