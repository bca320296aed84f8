import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect } from "vitest";
import type { RepositoryDto, ScanDto } from "@/app/_lib/dto";
import { POST as requestScanRoute } from "@/app/api/repositories/[id]/scans/route";
import { POST as registerRepository } from "@/app/api/repositories/route";
import { GET as getScanRoute } from "@/app/api/scans/[id]/route";
import { startBoss } from "@/app/_server/queue/boss";
import { startScanWorkers, type ScanWorkers } from "@/app/_server/queue/scan-worker";
import { call } from "./api";

/** A pg-boss worker with `concurrency` scan pollers for the whole test file. Call at the top level of the file. */
export function useScanWorkers(concurrency = 1): void {
  let boss: PgBoss | undefined;
  let workers: ScanWorkers | undefined;
  beforeAll(async () => {
    boss = await startBoss({ role: "worker" });
    workers = await startScanWorkers(boss, concurrency);
  });
  afterAll(async () => {
    await workers?.stop();
    await boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
  });
}

/** Registers a repository through the API. */
export async function registerRepo(url: string): Promise<RepositoryDto> {
  const { status, body } = await call<RepositoryDto>(registerRepository, { body: { url } });
  expect(status).toBe(201);
  return body;
}

/** Requests a scan through the API (202), without waiting for it. */
export async function requestScanOf(repositoryId: string): Promise<ScanDto> {
  const { status, body } = await call<ScanDto>(requestScanRoute, { method: "POST", params: { id: repositoryId } });
  expect(status).toBe(202);
  return body;
}

/** Polls `GET /api/scans/:id` until the scan has succeeded or failed. */
export async function waitForScan(scanId: string, timeoutMs = 45_000): Promise<ScanDto> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await call<ScanDto>(getScanRoute, { params: { id: scanId } });
    if (body.status === "succeeded" || body.status === "failed") return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`scan ${scanId} did not finish within ${timeoutMs} ms`);
}

/** Requests a scan through the API and waits until a worker has finished it. */
export async function scanAndWait(repositoryId: string): Promise<ScanDto> {
  return waitForScan((await requestScanOf(repositoryId)).id);
}
