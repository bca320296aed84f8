import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, ScanPageDto } from "@/app/_lib/dto";
import { GET as listScans } from "@/app/api/repositories/[id]/scans/route";
import { getDb } from "@/app/_server/db";
import { call } from "../helpers/api";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";

useScanWorkers(1);

const MINUTE = 60_000;

/** `GET /api/repositories/:id/scans` with the given query string. */
function history(repositoryId: string, query = "") {
  return call<ScanPageDto>(listScans, { url: `http://heimdall.test/api/repositories/${repositoryId}/scans${query}`, params: { id: repositoryId } });
}

/**
 * Five branch scans a minute apart (oldest first: succeeded, failed, dead-lettered, running, queued) and a backfill
 * with one point of its own, written straight to the database so their order and states are known.
 */
async function seedHistory(repositoryId: string): Promise<string[]> {
  const db = getDb();
  const start = Date.now() - 10 * MINUTE;
  const at = (minutes: number) => new Date(start + minutes * MINUTE);
  const rows = [
    { status: "succeeded" as const, commitSha: "a".repeat(40), score: 80, grade: "B", startedAt: at(0), finishedAt: at(1), durationMs: 1200, partialReason: "2 files over 512 KB were not analyzed." },
    { status: "failed" as const, error: "Could not clone the repository: not found", finishedAt: at(2), trigger: "schedule" },
    { status: "failed" as const, error: "Scan failed: boom (failed after 3 attempts)", finishedAt: at(3), deadLetteredAt: at(3) },
    { status: "running" as const, startedAt: at(4), trigger: "retry" },
    { status: "queued" as const },
  ];
  const ids: string[] = [];
  for (const [index, row] of rows.entries()) ids.push((await db.scan.create({ data: { repositoryId, queuedAt: at(index), ...row } })).id);
  const backfill = await db.backfill.create({ data: { repositoryId, since: at(-60 * 24 * 30), intervalDays: 7, total: 1, done: 1, status: "succeeded" } });
  await db.scan.create({ data: { repositoryId, backfillId: backfill.id, trigger: "backfill", status: "succeeded", commitSha: "b".repeat(40), queuedAt: at(5) } });
  return ids.reverse();
}

describe("scan history", () => {
  it("lists the branch's scans newest first with their state, reasons and the total, leaving backfill points out", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const newestFirst = await seedHistory(repository.id);

    const { status, body } = await history(repository.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 20 });
    expect(body.scans.map((scan) => scan.id)).toEqual(newestFirst);
    expect(body.scans.map((scan) => [scan.status, scan.trigger])).toEqual([
      ["queued", "manual"],
      ["running", "retry"],
      ["failed", "manual"],
      ["failed", "schedule"],
      ["succeeded", "manual"],
    ]);
    expect(body.scans[2]).toMatchObject({ error: "Scan failed: boom (failed after 3 attempts)", deadLetteredAt: expect.any(String) });
    expect(body.scans[3]).toMatchObject({ error: "Could not clone the repository: not found", deadLetteredAt: null });
    expect(body.scans[4]).toMatchObject({ durationMs: 1200, partialReason: "2 files over 512 KB were not analyzed.", backfillId: null });
    expect(body.scans.every((scan) => scan.backfillId === null)).toBe(true);
  });

  it("pages through the history, an empty page past the end", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const newestFirst = await seedHistory(repository.id);

    const pages = await Promise.all([1, 2, 3, 4].map((page) => history(repository.id, `?page=${page}&pageSize=2`)));
    expect(pages.map(({ body }) => body.scans.map((scan) => scan.id))).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4), []]);
    expect(pages.map(({ body }) => [body.total, body.page, body.pageSize])).toEqual([
      [5, 1, 2],
      [5, 2, 2],
      [5, 3, 2],
      [5, 4, 2],
    ]);
  });

  it("shows a real scan with its commit and duration once a worker has run it", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await registerRepo(repo);
    const scan = await scanAndWait(repository.id);

    const { body } = await history(repository.id);
    expect(body.total).toBe(1);
    expect(body.scans[0]).toMatchObject({ id: scan.id, status: "succeeded", trigger: "manual", commitSha: headCommit(repo), error: null, deadLetteredAt: null });
    expect(body.scans[0]?.durationMs).toBeGreaterThan(0);
  });

  it.each([
    ["?page=0", "page: "],
    ["?page=abc", "page: "],
    ["?page=1.5", "page: "],
    ["?pageSize=101", "pageSize: "],
    ["?pageSize=", "pageSize: "],
    ["?sort=oldest", "sort"],
  ])("answers a malformed query %s with a 400 naming the parameter", async (query, named) => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const { status, body } = await call<ApiErrorBody>(listScans, { url: `http://heimdall.test/api/repositories/${repository.id}/scans${query}`, params: { id: repository.id } });
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain(named);
  });

  it("answers an unknown repository with a 404", async () => {
    const { status, body } = await call<ApiErrorBody>(listScans, { url: "http://heimdall.test/api/repositories/nope/scans", params: { id: "nope" } });
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "not_found", message: 'Repository "nope" does not exist.' });
  });
});
