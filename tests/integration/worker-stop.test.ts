import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { RepositoryDto, ScanDto } from "@/app/_lib/dto";
import { POST as requestScan } from "@/app/api/repositories/[id]/scans/route";
import { POST as registerRepository } from "@/app/api/repositories/route";
import { ANALYZERS } from "@/analyzers";
import { getDb } from "@/app/_server/db";
import { startBoss } from "@/app/_server/queue/boss";
import { startScanWorkers } from "@/app/_server/queue/scan-worker";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("stopping a worker mid-scan", () => {
  it("leaves the scan to pg-boss, which retries it into exactly one whole snapshot", async () => {
    // Enough code that cloning and parsing take seconds, so the stop lands mid-scan.
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const body = Array.from({ length: 30 }, (_, line) => `  value += ${line};`).join("\n");
    for (let index = 0; index < 2500; index += 1) {
      const file = path.join(repo, "src", "generated", `module${index}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `export function compute${index}(value: number): number {\n${body}\n  return value;\n}\n`);
    }
    commitFile(repo, "src/generated/index.ts", "export {};\n", "Add generated modules");
    const { body: repository } = await call<RepositoryDto>(registerRepository, { body: { url: repo } });

    const first = await startBoss({ role: "worker" });
    const firstWorkers = await startScanWorkers(first, 1);
    const { body: requested } = await call<ScanDto>(requestScan, { method: "POST", params: { id: repository.id } });
    const readScan = () => getDb().scan.findUniqueOrThrow({ where: { id: requested.id } });
    await waitFor(readScan, (scan) => scan.status === "running", 30_000);
    await firstWorkers.stop();
    await first.stop({ graceful: true, wait: true, timeout: 10_000 });

    const interrupted = await readScan();
    expect(interrupted.status).toBe("queued");
    expect(interrupted.error).toMatch(/will retry/);
    expect(await getDb().ruleResult.count({ where: { scanId: requested.id } })).toBe(0);

    const second = await startBoss({ role: "worker" });
    const secondWorkers = await startScanWorkers(second, 1);
    try {
      const finished = await waitFor(readScan, (scan) => scan.status === "succeeded" || scan.status === "failed", 60_000);
      expect(finished).toMatchObject({ status: "succeeded", attempts: 2, error: null });
      expect(await getDb().scan.count({ where: { repositoryId: repository.id, status: "succeeded" } })).toBe(1);
      expect(await getDb().ruleResult.count({ where: { scanId: requested.id } })).toBe(ANALYZERS.length);
      expect(await getDb().finding.count({ where: { scanId: requested.id, ruleId: "function-size" } })).toBe(2501);
    } finally {
      await secondWorkers.stop();
      await second.stop({ graceful: true, wait: true, timeout: 10_000 });
    }
  });
});
