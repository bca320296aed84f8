import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, ScanLiveDto } from "@/app/_lib/dto";
import { GET as liveStatus } from "@/app/api/scans/[id]/live/route";
import { getDb } from "@/app/_server/db";
import { logger } from "@/app/_server/logger";
import { scanCheckout } from "@/app/_server/services/scans";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";

useScanWorkers(1);

interface LoggedWrite {
  progress: { phase: string; done: number; total: number; rule: string | null; startedAt: string } | null;
  at: Date;
}

// Every write of Scan.progress, as PostgreSQL saw it: a trigger logs each one with the database's clock.
beforeAll(async () => {
  const db = getDb();
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_progress_log (scan_id text, progress jsonb, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_log_progress() RETURNS trigger AS $$
    BEGIN INSERT INTO test_progress_log (scan_id, progress) VALUES (NEW.id, NEW.progress); RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_scan_progress ON "Scan"`);
  await db.$executeRawUnsafe(`CREATE TRIGGER test_scan_progress AFTER UPDATE OF progress ON "Scan" FOR EACH ROW EXECUTE FUNCTION test_log_progress()`);
});
beforeEach(async () => {
  await getDb().$executeRawUnsafe("TRUNCATE test_progress_log");
});
afterAll(async () => {
  await getDb().$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_scan_progress ON "Scan"`);
  await getDb().$executeRawUnsafe("DROP TABLE IF EXISTS test_progress_log");
  await getDb().$executeRawUnsafe("DROP FUNCTION IF EXISTS test_log_progress()");
});

function writesOf(scanId: string): Promise<LoggedWrite[]> {
  return getDb().$queryRaw<LoggedWrite[]>`SELECT progress, at FROM test_progress_log WHERE scan_id = ${scanId} ORDER BY at`;
}

/** The sample repository plus `count` modules of a few functions each: enough to parse for a while. */
/** Modules whose content is new to the suite's analysis cache (a salt per repository), so each scan parses them all. */
function largeRepo(count: number): string {
  const repo = createFixtureRepo(inject("repoRoot"), "sample");
  mkdirSync(path.join(repo, "src", "modules"), { recursive: true });
  const salt = path.basename(repo);
  const module = (n: number) =>
    Array.from({ length: 6 }, (_, f) => `/** Step ${f} of module ${n} (${salt}). */\nexport function step${n}x${f}(value: number): number {\n  const twice = value * ${f + 2};\n  return twice > ${n} ? twice - ${n} : twice + ${f};\n}\n`).join("\n");
  for (let n = 1; n < count; n += 1) writeFileSync(path.join(repo, "src", "modules", `module${n}.ts`), module(n));
  commitFile(repo, "src/modules/module0.ts", module(0), `Add ${count} modules`);
  return repo;
}

function live(id: string) {
  return call<ScanLiveDto & ApiErrorBody>(liveStatus, { params: { id } });
}

describe("scan progress", () => {
  it("is written while the analysis runs, at most once a second, and cleared when the scan succeeds", async () => {
    const repository = await registerRepo(largeRepo(400));
    const scan = await scanAndWait(repository.id);
    expect(scan.status).toBe("succeeded");

    const writes = await writesOf(scan.id);
    const progress = writes.flatMap((write) => (write.progress ? [write.progress] : []));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ phase: "parsing", total: 402, startedAt: scan.startedAt });
    expect(progress.every((entry) => ["parsing", "analyzing", "saving"].includes(entry.phase))).toBe(true);
    // Throttled where the writes start (in the worker); the database sees them a little later, a blocked event loop apart at most.
    const first = writes[0]?.at.getTime() ?? 0;
    const lastProgress = writes.filter((write) => write.progress).at(-1)?.at.getTime() ?? 0;
    expect(progress.length).toBeLessThanOrEqual(Math.floor((lastProgress - first + 500) / 1000) + 1);
    expect(writes.at(-1)?.progress).toBeNull();
    expect((await getDb().scan.findUniqueOrThrow({ where: { id: scan.id } })).progress).toBeNull();
    const { status, body } = await live(scan.id);
    expect([status, body.scan.status, body.progress, body.queue]).toEqual([200, "succeeded", null, null]);
  });

  it("is cleared when the analysis fails half-way", async () => {
    const repo = largeRepo(400);
    const repository = await registerRepo(repo);
    const startedAt = new Date();
    const scan = await getDb().scan.create({ data: { repositoryId: repository.id, status: "running", startedAt, attempts: 1 } });
    const abort = new AbortController();
    // Stopped once its first progress is in the database: half-way by construction, not by a guess at timing.
    const stopWhenProgressShows = (async () => {
      while (!abort.signal.aborted && !(await getDb().scan.findUniqueOrThrow({ where: { id: scan.id } })).progress) await new Promise((resolve) => setTimeout(resolve, 5));
      abort.abort(new Error("stopped half-way"));
    })();
    const checkout = { dir: repo, commitSha: headCommit(repo), committedAt: new Date() };
    await expect(scanCheckout(scan.id, checkout, startedAt, abort.signal, logger)).rejects.toThrow("stopped half-way");
    await stopWhenProgressShows;

    const writes = await writesOf(scan.id);
    expect(writes[0]?.progress).toMatchObject({ phase: "parsing", startedAt: startedAt.toISOString() });
    expect(writes.at(-1)?.progress).toBeNull();
    expect((await getDb().scan.findUniqueOrThrow({ where: { id: scan.id } })).progress).toBeNull();
  });
});

/**
 * A running scan with progress, three queued branch scans a second apart and a queued backfill point (which waits inside
 * its backfill's job, not in the scan queue), written straight to the database so their order is known.
 */
async function seedQueue(repositoryId: string, base: number) {
  const db = getDb();
  const startedAt = new Date(base);
  const progress = { phase: "analyzing", done: 3, total: 29, rule: "duplication", startedAt: startedAt.toISOString(), updatedAt: new Date(base + 5000).toISOString() };
  const running = await db.scan.create({ data: { repositoryId, status: "running", startedAt, attempts: 1, queuedAt: new Date(base - 1000), progress } });
  const queued = [];
  for (const offset of [0, 1000, 2000]) queued.push(await db.scan.create({ data: { repositoryId, status: "queued", queuedAt: new Date(base + offset) } }));
  const backfill = await db.backfill.create({ data: { repositoryId, since: new Date(base - 86_400_000) } });
  await db.scan.create({ data: { repositoryId, status: "queued", backfillId: backfill.id, trigger: "backfill", queuedAt: new Date(base - 5000) } });
  return { running, queued, progress };
}

describe("GET /api/scans/:id/live", () => {
  it("gives a queued scan its place among the queued branch scans and a running scan its current attempt's progress", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const base = Date.now() - 60_000;
    const { running, queued, progress } = await seedQueue(repository.id, base);

    const third = await live(queued[2]?.id ?? "");
    expect(third.status).toBe(200);
    expect(third.body.queue).toEqual({ position: 3, queued: 3, running: 1 });
    expect(third.body.progress).toBeNull();
    expect((await live(queued[0]?.id ?? "")).body.queue).toEqual({ position: 1, queued: 3, running: 1 });

    const { body } = await live(running.id);
    expect(body).toMatchObject({ repository: { id: repository.id, name: repository.name }, queue: null });
    expect(body.progress).toEqual({ phase: "analyzing", done: 3, total: 29, rule: "duplication", updatedAt: progress.updatedAt });
    expect(Date.parse(body.now)).toBeGreaterThan(base);
  });

  it("leaves out progress a killed earlier attempt left behind", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const stale = { phase: "parsing", done: 10, total: 50, rule: null, startedAt: new Date(Date.now() - 600_000).toISOString(), updatedAt: new Date().toISOString() };
    const scan = await getDb().scan.create({ data: { repositoryId: repository.id, status: "running", startedAt: new Date(), attempts: 2, progress: stale } });
    expect((await live(scan.id)).body.progress).toBeNull();
  });

  it("answers 404 for an unknown scan and 400 for a malformed id", async () => {
    const unknown = await live("cmunknownscan000000000000");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    const malformed = await live("../../etc/passwd");
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "invalid_request"]);
    expect(malformed.body.error.message).toBe("id must be a scan id");
  });
});
