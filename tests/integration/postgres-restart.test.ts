import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ANALYZERS } from "@/analyzers";
import type { RepositoryDto, ScanDto } from "@/app/_lib/dto";
import { disconnectDb, getDb } from "@/app/_server/db";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/app/_server/embedded-postgres";
import { migrateDatabase } from "@/app/_server/migrate";
import { startBoss, stopProducer } from "@/app/_server/queue/boss";
import { startScanWorkers, type ScanWorkers } from "@/app/_server/queue/scan-worker";
import { createFixtureRepo } from "../helpers/git-fixture";
import { registerRepo, requestScanOf } from "../helpers/scans";

/**
 * This file runs against a PostgreSQL of its own, which it stops and starts again while workers run; the rest of the
 * suite's database is left alone. The web side (producer, Prisma client) and the workers are this process's.
 */
const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-pg-restart-"));
let database: EmbeddedDatabase;
let port: number;
const suiteEnv = { DATABASE_URL: process.env.DATABASE_URL, HEIMDALL_SCAN_TIMEOUT_SECONDS: process.env.HEIMDALL_SCAN_TIMEOUT_SECONDS, HEIMDALL_QUEUE_MAINTENANCE_SECONDS: process.env.HEIMDALL_QUEUE_MAINTENANCE_SECONDS };

beforeAll(async () => {
  database = await startEmbeddedPostgres(path.join(scratch, "pg"));
  port = Number(new URL(database.url).port);
  await migrateDatabase(database.url, path.resolve(import.meta.dirname, "../.."));
  await stopProducer();
  await disconnectDb();
  Object.assign(process.env, { DATABASE_URL: database.url, HEIMDALL_SCAN_TIMEOUT_SECONDS: "10", HEIMDALL_QUEUE_MAINTENANCE_SECONDS: "1" });
});

afterAll(async () => {
  await stopProducer();
  await disconnectDb();
  for (const [name, value] of Object.entries(suiteEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await database.stop().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

async function statuses(ids: string[]): Promise<string[]> {
  const scans = await getDb().scan.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
  return scans.map((scan) => scan.status);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // While the database is down, reads fail: that is the point of the test, so keep polling.
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("PostgreSQL restarted while workers run", () => {
  it("workers and the web side reconnect; every requested scan ends in exactly one snapshot", async () => {
    const repositories: RepositoryDto[] = [];
    for (let index = 0; index < 4; index += 1) repositories.push(await registerRepo(createFixtureRepo(inject("repoRoot"), "sample")));
    let boss: PgBoss | undefined;
    let workers: ScanWorkers | undefined;
    try {
      boss = await startBoss({ role: "worker" });
      workers = await startScanWorkers(boss, 2);
      const scans: ScanDto[] = [];
      for (const repository of repositories) scans.push(await requestScanOf(repository.id));
      const ids = scans.map((scan) => scan.id);
      await waitUntil(async () => (await statuses(ids)).includes("running"), 30_000, "a scan running");

      await database.stop();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      database = await startEmbeddedPostgres(path.join(scratch, "pg"), port);

      // Requests after the restart work too: the web side's pools reconnect.
      const late = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
      ids.push((await requestScanOf(late.id)).id);
      await waitUntil(async () => (await statuses(ids)).every((status) => status === "succeeded"), 120_000, "every scan succeeded");

      const db = getDb();
      for (const repository of [...repositories, late]) {
        expect(await db.scan.count({ where: { repositoryId: repository.id, status: "succeeded", duplicateOfId: null } })).toBe(1);
      }
      expect(await db.ruleResult.count({ where: { scanId: { in: ids } } })).toBe(ids.length * ANALYZERS.length);
      expect(await db.scan.count({ where: { status: { not: "succeeded" } } })).toBe(0);
    } finally {
      await workers?.stop();
      await boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
    }
  }, 240_000);
});
