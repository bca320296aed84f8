import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import type { RepositoryDto, ScanDetailDto, ScanDto, SnapshotDto } from "@/app/_lib/dto";
import { POST as uploadRoute } from "@/app/api/repositories/[id]/coverage/route";
import { GET as getRepositoryRoute } from "@/app/api/repositories/[id]/route";
import { GET as listSnapshotsRoute } from "@/app/api/repositories/[id]/snapshots/route";
import { GET as getScanRoute } from "@/app/api/scans/[id]/route";
import { getDb } from "@/app/_server/db";
import { runScan } from "@/app/_server/services/scans";
import { call } from "../helpers/api";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { registerRepo, requestScanOf, scanAndWait, useScanWorkers, waitForScan } from "../helpers/scans";

useScanWorkers();

async function sampleRepository(): Promise<{ id: string; commit: string }> {
  const repo = createFixtureRepo(inject("repoRoot"), "sample");
  const repository = await registerRepo(repo);
  return { id: repository.id, commit: headCommit(repo) };
}

async function snapshotsOf(repositoryId: string): Promise<SnapshotDto[]> {
  return (await call<SnapshotDto[]>(listSnapshotsRoute, { params: { id: repositoryId } })).body;
}

async function scanJobCount(): Promise<number> {
  const [row] = await getDb().$queryRawUnsafe<Array<{ count: number }>>("SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'scan'");
  return row?.count ?? 0;
}

/** Rule results and findings stored for the repository, over all its scans. */
async function storedRows(repositoryId: string): Promise<{ ruleResults: number; findings: number }> {
  const scan = { repositoryId };
  const [ruleResults, findings] = await Promise.all([getDb().ruleResult.count({ where: { scan } }), getDb().finding.count({ where: { scan } })]);
  return { ruleResults, findings };
}

describe("idempotent scans and snapshots", () => {
  it("answers two scan requests at once with one scan and one job, giving one snapshot", async () => {
    const { id } = await sampleRepository();
    const [first, second] = await Promise.all([requestScanOf(id), requestScanOf(id)]);
    expect(second?.id).toBe(first?.id);
    expect(await scanJobCount()).toBe(1);
    const finished = await waitForScan(first.id);
    expect(finished).toMatchObject({ status: "succeeded", duplicateOf: null });
    expect(await getDb().scan.count({ where: { repositoryId: id } })).toBe(1);
    expect((await snapshotsOf(id)).map((point) => point.scanId)).toEqual([first.id]);
  });

  it("stores one copy of rule results and findings when the same commit is scanned twice", async () => {
    const { id, commit } = await sampleRepository();
    const first = await scanAndWait(id);
    const stored = await storedRows(id);
    expect(stored.findings).toBeGreaterThan(0);
    const second = await scanAndWait(id);

    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ status: "succeeded", commitSha: commit, score: first.score, grade: first.grade, duplicateOf: first.id });
    expect(await storedRows(id)).toEqual(stored);
    expect((await snapshotsOf(id)).map((point) => point.scanId)).toEqual([first.id]);
    // The duplicate shows the stored snapshot's rule results, and becomes the repository's latest check of that commit.
    const [original, duplicate] = await Promise.all([first.id, second.id].map((scanId) => call<ScanDetailDto>(getScanRoute, { params: { id: scanId } })));
    expect(duplicate?.body.rules).toEqual(original?.body.rules);
    expect(duplicate?.body.findingCount).toBe(original?.body.findingCount);
    const repository = await call<RepositoryDto>(getRepositoryRoute, { params: { id } });
    expect(repository.body.current).toMatchObject({ scanId: second.id, commitSha: commit, score: first.score });
  });

  it("stores one snapshot when two scans of the same commit finish at once", async () => {
    const { id } = await sampleRepository();
    // Two scan rows run side by side, as two workers would if two requests had slipped past the request lock.
    const scans = await Promise.all([0, 1].map(() => getDb().scan.create({ data: { repositoryId: id } })));
    await Promise.all(scans.map((scan) => runScan(scan.id, { isFinalAttempt: true })));

    const rows = await getDb().scan.findMany({ where: { repositoryId: id }, orderBy: { finishedAt: "asc" } });
    expect(rows.map((row) => row.status)).toEqual(["succeeded", "succeeded"]);
    const holders = rows.filter((row) => row.snapshotKey !== null);
    expect(holders).toHaveLength(1);
    expect(rows.find((row) => row.snapshotKey === null)?.duplicateOfId).toBe(holders[0]?.id);
    const ruleResults = await getDb().ruleResult.groupBy({ by: ["scanId"], where: { scan: { repositoryId: id } } });
    expect(ruleResults.map((group) => group.scanId)).toEqual([holders[0]?.id]);
  });

  it("makes the next scan of a commit a new snapshot when coverage was uploaded for it, and only the first after that", async () => {
    const { id, commit } = await sampleRepository();
    const estimated = await scanAndWait(id);
    const lcov = "TN:\nSF:src/domain/order.ts\nDA:7,1\nDA:8,1\nDA:11,1\nDA:12,1\nend_of_record\n";
    const uploaded = await call(uploadRoute, { url: `http://heimdall.test/api/repositories/${id}/coverage?commit=${commit}`, rawBody: lcov, params: { id } });
    expect(uploaded.status).toBe(201);

    const measured = await scanAndWait(id);
    expect(measured).toMatchObject({ status: "succeeded", commitSha: commit, duplicateOf: null });
    const again = await scanAndWait(id);
    expect(again).toMatchObject({ status: "succeeded", duplicateOf: measured.id });
    expect((await snapshotsOf(id)).map((point) => point.scanId)).toEqual([estimated.id, measured.id]);
    const coverage = await getDb().ruleResult.findMany({ where: { ruleId: "coverage", scan: { repositoryId: id } }, orderBy: { scan: { finishedAt: "asc" } } });
    expect(coverage.map((rule) => (rule.metrics as { estimated: number }).estimated)).toEqual([1, 0]);
  });

  it("does not answer with a scan whose job has ended: that scan is marked failed and a new one is queued", async () => {
    const { id } = await sampleRepository();
    // A scan left "running" by a worker killed on its last attempt: pg-boss has no live job for it any more.
    const stale = await getDb().scan.create({ data: { repositoryId: id, status: "running", jobId: randomUUID(), queuedAt: new Date(Date.now() - 120_000) } });
    const fresh: ScanDto = await requestScanOf(id);
    expect(fresh.id).not.toBe(stale.id);
    expect(fresh.status).toBe("queued");
    expect(await getDb().scan.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "failed", error: expect.stringMatching(/job ended without a result/), deadLetteredAt: expect.any(Date) });
    expect(await waitForScan(fresh.id)).toMatchObject({ status: "succeeded" });
  });
});
