import { readFileSync, rmSync } from "node:fs";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AnalysisReport } from "@/analyzers";
import { ENGINE_VERSION, GUIDE_VERSION } from "@/analyzers";
import type { ApiErrorBody, RepositoryDto, ScanDetailDto, ScanDto, SnapshotDto } from "@/app/_lib/dto";
import { GET as getRepository } from "@/app/api/repositories/[id]/route";
import { POST as requestScan } from "@/app/api/repositories/[id]/scans/route";
import { GET as listSnapshots } from "@/app/api/repositories/[id]/snapshots/route";
import { POST as registerRepository } from "@/app/api/repositories/route";
import { GET as getScan } from "@/app/api/scans/[id]/route";
import { getDb } from "@/app/_server/db";
import { startBoss } from "@/app/_server/queue/boss";
import { startScanWorkers, type ScanWorkers } from "@/app/_server/queue/scan-worker";
import { saveSnapshot } from "@/app/_server/services/scans";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { sampleRuleResults } from "../helpers/sample-report";

let boss: PgBoss;
let workers: ScanWorkers;

beforeAll(async () => {
  boss = await startBoss({ role: "worker" });
  workers = await startScanWorkers(boss, 1);
});

afterAll(async () => {
  await workers.stop();
  await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
});

async function register(url: string, branch?: string): Promise<RepositoryDto> {
  const { status, body } = await call<RepositoryDto>(registerRepository, { body: { url, ...(branch ? { branch } : {}) } });
  expect(status).toBe(201);
  return body;
}

/** Requests a scan through the API and waits until the worker has finished it. */
async function scan(repositoryId: string): Promise<ScanDto> {
  const requested = await call<ScanDto>(requestScan, { method: "POST", params: { id: repositoryId } });
  expect(requested.status).toBe(202);
  expect(requested.body.status).toBe("queued");
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const { body } = await call<ScanDto>(getScan, { params: { id: requested.body.id } });
    if (body.status === "succeeded" || body.status === "failed") return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`scan ${requested.body.id} did not finish within 45 s`);
}

describe("scan pipeline", () => {
  it("clones through the queue, analyzes and stores a whole snapshot", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await register(repo);
    const finished = await scan(repository.id);

    // (80 + 60 + 9 × 100 + 2 × 2 × 100 + 8 × 0) / 23 = 62.6; each rule is listed in tests/helpers/sample-report.ts.
    expect(finished).toMatchObject({ status: "succeeded", commitSha: headCommit(repo), score: 62.6, grade: "D", error: null, attempts: 1 });
    expect(finished.durationMs).toBeGreaterThanOrEqual(0);
    const detail = await call<ScanDetailDto>(getScan, { params: { id: finished.id } });
    expect(detail.body.rules).toEqual(sampleRuleResults("ruleId"));
    expect(detail.body.rules.find((rule) => rule.ruleId === "function-size")?.scoring).toMatch(/Share of functions that are within the limit/);
    expect(detail.body.findingCount).toBe(17);
    const findings = await getDb().finding.findMany({ where: { scanId: finished.id, ruleId: "function-size" } });
    expect(findings).toMatchObject([{ ruleId: "function-size", file: "src/application/checkout.ts", line: 3, severity: "warning" }]);

    const snapshots = await call<SnapshotDto[]>(listSnapshots, { params: { id: repository.id } });
    expect(snapshots.body).toMatchObject([{ scanId: finished.id, score: 62.6, grade: "D", guideVersion: GUIDE_VERSION }]);
    expect(snapshots.body[0]?.rulesetVersion).toMatch(new RegExp(`^${ENGINE_VERSION.replace(/\./g, "\\.")}\\+[0-9a-f]{8}$`));
  });

  it("adds a point per scan and keeps fingerprints of unchanged findings", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await register(repo);
    const first = await scan(repository.id);
    const body = Array.from({ length: 24 }, (_, i) => `  steps.push(${i});`).join("\n");
    commitFile(repo, "src/application/report.ts", `export function report(): number[] {\n  const steps: number[] = [];\n${body}\n  return steps;\n}\n`, "Add report");
    const second = await scan(repository.id);

    expect(second.commitSha).toBe(headCommit(repo));
    expect(second.score).toBeLessThan(first.score ?? 0);
    // The worker keeps per-file facts between scans: only the new file was parsed.
    const stats = (await getDb().scan.findUniqueOrThrow({ where: { id: second.id } })).stats as { cache: { hits: number; misses: number } };
    expect(stats.cache).toEqual({ hits: 2, misses: 1 });
    const snapshots = await call<SnapshotDto[]>(listSnapshots, { params: { id: repository.id } });
    expect(snapshots.body.map((point) => point.scanId)).toEqual([first.id, second.id]);
    const [before, after] = await Promise.all(
      [first.id, second.id].map((scanId) => getDb().finding.findMany({ where: { scanId, ruleId: "function-size" }, orderBy: { file: "asc" } })),
    );
    expect(after?.map((finding) => finding.file)).toEqual(["src/application/checkout.ts", "src/application/report.ts"]);
    expect(after?.[0]?.fingerprint).toBe(before?.[0]?.fingerprint);

    // New and fixed since the previous snapshot, by fingerprint: the API's SQL against a plain set difference here.
    const [oldPrints, newPrints] = await Promise.all(
      [first.id, second.id].map(async (scanId) => new Set((await getDb().finding.findMany({ where: { scanId, suppressedReason: null } })).map((f) => f.fingerprint))),
    );
    const expectedNew = [...(newPrints ?? [])].filter((print) => !oldPrints?.has(print)).length;
    const expectedFixed = [...(oldPrints ?? [])].filter((print) => !newPrints?.has(print)).length;
    expect(expectedNew).toBeGreaterThan(0);
    const firstDetail = await call<ScanDetailDto>(getScan, { params: { id: first.id } });
    expect(firstDetail.body.changes).toEqual({ previousScanId: null, newFindings: null, fixedFindings: null });
    const secondDetail = await call<ScanDetailDto>(getScan, { params: { id: second.id } });
    expect(secondDetail.body.changes).toEqual({ previousScanId: first.id, newFindings: expectedNew, fixedFindings: expectedFixed });
  });

  it("fails a scan that cannot clone with a readable reason, keeping the previous snapshot current", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await register(repo);
    const good = await scan(repository.id);
    rmSync(repo, { recursive: true, force: true });
    const bad = await scan(repository.id);

    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(/^Could not clone the repository: /);
    expect(bad.score).toBeNull();
    const { body } = await call<RepositoryDto>(getRepository, { params: { id: repository.id } });
    expect(body.current).toMatchObject({ scanId: good.id, score: 62.6 });
    expect(body.latestScan).toMatchObject({ id: bad.id, status: "failed" });
    const snapshots = await call<SnapshotDto[]>(listSnapshots, { params: { id: repository.id } });
    expect(snapshots.body.map((point) => point.scanId)).toEqual([good.id]);
  });

  it("names the missing branch when a branch does not exist", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await register(repo, "release/missing");
    const failed = await scan(repository.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("release/missing");
  });

  it("fails at once, without retries, on an invalid heimdall.config.json, naming the problem", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    commitFile(repo, "heimdall.config.json", JSON.stringify({ rules: { "function-size": { options: { maxLines: "twenty" } } } }), "Bad config");
    const repository = await register(repo);
    const failed = await scan(repository.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.error).toMatch(/Options of rule "function-size" are invalid: maxLines/);
  });

  it("stores suppressed findings with their reason, counted apart from the score", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const file = "src/application/checkout.ts";
    const original = readFileSync(`${repo}/${file}`, "utf8");
    commitFile(repo, file, original.replace("export function checkout", "// heimdall-ignore function-size -- receipt layout mirrors the printed form\nexport function checkout"), "Suppress");
    const repository = await register(repo);
    const finished = await scan(repository.id);
    expect(finished).toMatchObject({ status: "succeeded" });
    const detail = await call<ScanDetailDto>(getScan, { params: { id: finished.id } });
    expect(detail.body.rules.find((rule) => rule.ruleId === "function-size")).toMatchObject({ findingCount: 0, score: 100 });
    const [finding] = await getDb().finding.findMany({ where: { scanId: finished.id, ruleId: "function-size" } });
    expect(finding).toMatchObject({ file, line: 4, suppressedReason: "receipt layout mirrors the printed form", suppressedLine: 3 });
    expect(await getDb().ruleResult.findFirst({ where: { scanId: finished.id, ruleId: "function-size" } })).toMatchObject({ suppressedCount: 1 });
  });

  it("answers a scan request for an unknown repository with 404 and queues nothing", async () => {
    const response = await call<ApiErrorBody>(requestScan, { method: "POST", params: { id: "nope" } });
    expect(response).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await getDb().scan.count()).toBe(0);
  });
});

describe("saveSnapshot", () => {
  it("writes nothing when any part of the snapshot fails", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await register(repo);
    const queued = await getDb().scan.create({ data: { repositoryId: repository.id } });
    const finding = { ruleId: "function-size", guideTags: ["UNIT"], file: "a.ts", line: 1, endLine: 30, message: "long", fingerprint: "f1" };
    const report = {
      schemaVersion: 1,
      engineVersion: "test",
      guideVersion: "3.0",
      score: 50,
      grade: "D",
      categories: [],
      rules: [{ id: "function-size", guideTags: ["UNIT"], section: "core-principles", score: 50, weight: 1, findingCount: 2, suppressedCount: 0, metrics: {} }],
      suppressions: { inline: [], invalid: [], excluded: [], disabledRules: [] },
      // The second finding has a severity the database refuses, after the rule results were written.
      findings: [{ ...finding, severity: "warning" }, { ...finding, fingerprint: "f2", severity: "catastrophic" }],
      stats: { files: 1, lines: 30, unparsed: [], skipped: [], durationMs: 1, timings: { loadMs: 1, rulesMs: {}, threads: 0 } },
    } as unknown as AnalysisReport;

    await expect(saveSnapshot(queued.id, { commitSha: "abc123", committedAt: new Date() }, report, new Date())).rejects.toThrow();
    expect(await getDb().ruleResult.count({ where: { scanId: queued.id } })).toBe(0);
    expect(await getDb().finding.count({ where: { scanId: queued.id } })).toBe(0);
    expect(await getDb().scan.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "queued", score: null, commitSha: null });
  });

  it("stores the snapshot's guide-section scores with it (weighted by rule weight, with finding and suppression counts)", async () => {
    const repository = await register(createFixtureRepo(inject("repoRoot"), "sample"));
    const queued = await getDb().scan.create({ data: { repositoryId: repository.id } });
    const rule = (id: string, score: number | null, weight: number, findingCount: number, suppressedCount: number) => ({ id, guideTags: [], score, weight, findingCount, suppressedCount, metrics: {} });
    const report = {
      schemaVersion: 1,
      engineVersion: "test",
      guideVersion: "3.0",
      rulesetVersion: "test",
      score: 70,
      grade: "C",
      categories: [],
      // function-size and naming are core principles, test-presence is testing (their analyzers' sections).
      rules: [rule("function-size", 50, 3, 4, 1), rule("naming", 90, 1, 1, 0), rule("test-presence", null, 2, 0, 0)],
      suppressions: { inline: [], invalid: [], excluded: [], disabledRules: [] },
      findings: [],
      stats: { files: 1, lines: 30, unparsed: [], skipped: [], durationMs: 1, timings: { loadMs: 1, rulesMs: {}, threads: 0 } },
    } as unknown as AnalysisReport;
    await saveSnapshot(queued.id, { commitSha: "def456", committedAt: new Date() }, report, new Date());
    const { sectionScores } = await getDb().scan.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sectionScores).toEqual({ "core-principles": [60, 5, 1], testing: [null, 0, 0] });
  });
});
