// Quality gates against real PostgreSQL: the team's gate (GET/PUT), and verdicts on snapshots stored through the
// pipeline's own saveSnapshot — and one through a real scan with an uploaded coverage report.
import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, GateVerdictDto, QualityGateDto } from "@/app/_lib/dto";
import { POST as uploadCoverage } from "@/app/api/repositories/[id]/coverage/route";
import { GET as verdictRoute } from "@/app/api/repositories/[id]/gate/route";
import { GET as getGateRoute, PUT as putGateRoute } from "@/app/api/teams/[slug]/gate/route";
import { issueApiToken } from "@/app/_server/auth/api-tokens";
import { getDb } from "@/app/_server/db";
import { call, type CallAs } from "../helpers/api";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";
import { commitId, storeSnapshot, teamWithRepository } from "../helpers/stored-snapshot";

useScanWorkers();

const DAY = 86_400_000;
const T0 = new Date("2026-10-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function putGate(slug: string, body: unknown, as?: CallAs) {
  return call<QualityGateDto & ApiErrorBody>(putGateRoute, { method: "PUT", params: { slug }, body, ...(as ? { as } : {}) });
}

async function verdict(repositoryId: string, commit?: string) {
  const url = `http://heimdall.test/api/repositories/${repositoryId}/gate${commit === undefined ? "" : `?commit=${commit}`}`;
  return call<GateVerdictDto & ApiErrorBody>(verdictRoute, { params: { id: repositoryId }, url });
}

describe("a team's quality gate", () => {
  it("has the defaults until it is set: no score condition, no new errors, no coverage condition, no drop alert", async () => {
    const { team } = await teamWithRepository("payments");
    const { status, body } = await call<QualityGateDto>(getGateRoute, { params: { slug: team.slug } });
    expect(status).toBe(200);
    expect(body).toEqual({ team: "payments", minScore: null, noNewErrors: true, coverageByLayer: {}, scoreDropAlert: null, updatedAt: null });
  });

  it("is replaced by PUT, and the change is audited with what it was before and after", async () => {
    const { team } = await teamWithRepository("payments");
    const gate = { minScore: 75, noNewErrors: false, coverageByLayer: { domain: 90, application: 80 }, scoreDropAlert: 5 };
    const saved = await putGate(team.slug, gate);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ team: "payments", ...gate, updatedAt: expect.any(String) });
    expect((await call<QualityGateDto>(getGateRoute, { params: { slug: team.slug } })).body).toMatchObject(gate);

    // Fields left out take their defaults: what is sent is what applies.
    const replaced = await putGate(team.slug, { minScore: 60 });
    expect(replaced.body).toMatchObject({ minScore: 60, noNewErrors: true, coverageByLayer: {}, scoreDropAlert: null });

    const audit = await getDb().auditEvent.findMany({ where: { action: "gate.update" }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ targetType: "team", targetId: "payments", actor: expect.stringMatching(/^token:/) });
    expect(audit[0]?.details).toEqual({ before: { minScore: null, noNewErrors: true, coverageByLayer: {}, scoreDropAlert: null }, after: gate });
    expect(audit[1]?.details).toMatchObject({ before: gate, after: { minScore: 60 } });
  });

  it.each([
    [{ minScore: 120 }, "minScore: must be at most 100"],
    [{ minScore: "80" }, "minScore: must be a number"],
    [{ coverageByLayer: { "../domain": 80 } }, "must be a layer name"],
    [{ coverageByLayer: { domain: -1 } }, "coverageByLayer.domain: must be at least 0"],
    [{ scoreDropAlert: 0 }, "scoreDropAlert: must be more than 0"],
    [{ minScore: 50, owner: "me" }, "owner"],
  ])("refuses %j with a 400 naming the problem, changing nothing", async (body, message) => {
    const { team } = await teamWithRepository("payments");
    const refused = await putGate(team.slug, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(message);
    expect(await getDb().qualityGate.count()).toBe(0);
    expect(await getDb().auditEvent.count()).toBe(0);
  });

  it("is changed only by those who manage the team's gate: a team token with every scope gets a 403, an unknown team a 404", async () => {
    const { team } = await teamWithRepository("payments");
    const token = await issueApiToken({ name: "ci", teamId: team.id, admin: false, scopes: ["read", "scan", "coverage", "gate"], createdBy: "cli" });
    const refused = await putGate(team.slug, { minScore: 10 }, { bearer: token.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/change this team's quality gate/);
    expect((await call(getGateRoute, { params: { slug: team.slug }, as: { bearer: token.token } })).status).toBe(200);
    expect((await putGate("nobody", { minScore: 10 })).status).toBe(404);
    expect(await getDb().qualityGate.count()).toBe(0);
  });
});

describe("a gate verdict", () => {
  it("passes or fails the minimum score, on the latest snapshot or the commit asked for", async () => {
    const { team, repository } = await teamWithRepository("payments");
    await putGate(team.slug, { minScore: 80, noNewErrors: false });
    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 85.4 });
    const latest = await storeSnapshot(repository.id, { commitSha: commitId("two"), committedAt: at(1), score: 72 });

    const now = await verdict(repository.id);
    expect(now.status).toBe(200);
    expect(now.body).toEqual({
      repository: { id: repository.id, name: repository.name, team: "payments" },
      commit: commitId("two"),
      scanId: latest,
      score: 72,
      grade: "C",
      status: "fail",
      conditions: [{ name: "minScore", status: "fail", actual: 72, expected: 80, message: "Score 72 is below the minimum of 80." }],
    });
    const earlier = await verdict(repository.id, commitId("one"));
    expect(earlier.body).toMatchObject({ commit: commitId("one"), status: "pass", conditions: [{ name: "minScore", status: "pass", actual: 85.4 }] });
    // A unique prefix of 7 characters, in any case, names the commit too.
    expect((await verdict(repository.id, commitId("one").slice(0, 7).toUpperCase())).body).toMatchObject({ commit: commitId("one"), status: "pass" });
  });

  it("passes a gate without conditions", async () => {
    const { team, repository } = await teamWithRepository("payments");
    await putGate(team.slug, { noNewErrors: false });
    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 10 });
    expect((await verdict(repository.id)).body).toMatchObject({ status: "pass", conditions: [] });
  });

  it("fails on active errors that are new since the previous snapshot, and only on those", async () => {
    const { repository } = await teamWithRepository("payments");
    const old = { fingerprint: "old-error", severity: "error" as const };
    const first = await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 70, findings: [old] });
    await storeSnapshot(repository.id, {
      commitSha: commitId("two"),
      committedAt: at(1),
      score: 65,
      findings: [
        old,
        { fingerprint: "new-error", severity: "error", ruleId: "injection" },
        { fingerprint: "new-warning", severity: "warning" },
        { fingerprint: "new-suppressed-error", severity: "error", suppressed: true },
      ],
    });
    await storeSnapshot(repository.id, { commitSha: commitId("three"), committedAt: at(2), score: 70, findings: [old, { fingerprint: "new-error", severity: "error", ruleId: "injection" }] });

    const firstVerdict = await verdict(repository.id, commitId("one"));
    expect(firstVerdict.body).toMatchObject({ scanId: first, status: "pass", conditions: [{ name: "noNewErrors", status: "pass", actual: null, expected: 0 }] });
    expect(firstVerdict.body.conditions[0]?.message).toMatch(/first snapshot/);

    const second = await verdict(repository.id, commitId("two"));
    expect(second.body).toMatchObject({ status: "fail", conditions: [{ name: "noNewErrors", status: "fail", actual: 1, expected: 0 }] });
    expect(second.body.conditions[0]?.message).toBe(`1 new finding of severity error since commit ${commitId("one").slice(0, 12)} (rules: injection).`);
    // File names are code, which gate:read does not show.
    expect(JSON.stringify(second.body)).not.toContain("src/app.ts");

    // The next snapshot still has that error, but it is no longer new.
    expect((await verdict(repository.id)).body).toMatchObject({ commit: commitId("three"), status: "pass", conditions: [{ name: "noNewErrors", status: "pass", actual: 0 }] });
  });

  it("judges line coverage per layer from the coverage rule's metrics, and says when there is only an estimate", async () => {
    const { team, repository } = await teamWithRepository("payments");
    await putGate(team.slug, { noNewErrors: false, coverageByLayer: { domain: 90, application: 80, presentation: 50 } });
    await storeSnapshot(repository.id, {
      commitSha: commitId("measured"),
      committedAt: at(0),
      score: 80,
      coverageMetrics: { modules: 12, estimated: 0, "coverage.domain": 95.5, "coverage.application": 50, "coverage.other": 70 },
    });
    const measured = await verdict(repository.id, commitId("measured"));
    expect(measured.body.status).toBe("fail");
    expect(measured.body.conditions).toEqual([
      { name: "coverage.domain", status: "pass", actual: 95.5, expected: 90, message: "Line coverage of the domain layer is 95.5%, at least 90%." },
      { name: "coverage.application", status: "fail", actual: 50, expected: 80, message: "Line coverage of the application layer is 50%, below 80%." },
      { name: "coverage.presentation", status: "pass", actual: null, expected: 50, message: "The snapshot has no measured code in a layer named presentation (measured: application, domain, other)." },
    ]);

    await storeSnapshot(repository.id, { commitSha: commitId("estimated"), committedAt: at(1), score: 80, coverageMetrics: { modules: 12, estimated: 1, "coverage.domain": 100, "coverage.application": 100 } });
    const estimated = await verdict(repository.id, commitId("estimated"));
    expect(estimated.body.status).toBe("fail");
    expect(estimated.body.conditions.map((condition) => [condition.name, condition.status, condition.actual])).toEqual([
      ["coverage.domain", "fail", null],
      ["coverage.application", "fail", null],
      ["coverage.presentation", "fail", null],
    ]);
    expect(estimated.body.conditions[0]?.message).toMatch(/^No coverage report for this commit, so the domain layer's line coverage is unknown \(the static estimate reaches 100% of its modules from tests\)\. Upload one/);

    await storeSnapshot(repository.id, { commitSha: commitId("no-rule"), committedAt: at(2), score: 80 });
    const withoutRule = await verdict(repository.id, commitId("no-rule"));
    expect(withoutRule.body.conditions[0]).toMatchObject({ status: "fail", actual: null, message: expect.stringMatching(/coverage rule did not run/) });
  });

  it("answers 404 for a commit never scanned or whose scan failed, 409 while a scan may be scanning it, 400 for an ambiguous prefix", async () => {
    const { repository } = await teamWithRepository("payments");
    const db = getDb();
    const noSnapshot = await verdict(repository.id);
    expect(noSnapshot.status).toBe(404);
    expect(noSnapshot.body.error.message).toMatch(/has no snapshot yet/);

    await storeSnapshot(repository.id, { commitSha: `abcdef1${"0".repeat(33)}`, committedAt: at(0), score: 80 });
    await storeSnapshot(repository.id, { commitSha: `abcdef1${"1".repeat(33)}`, committedAt: at(1), score: 80 });
    const ambiguous = await verdict(repository.id, "abcdef1");
    expect(ambiguous).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: expect.stringMatching(/matches 2 scanned commits/) } } });
    expect((await verdict(repository.id, "abc")).status).toBe(400);

    const unknown = await verdict(repository.id, commitId("never"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/has not been scanned yet\. Scans take the head of the repository's branch/);

    await db.scan.create({ data: { repositoryId: repository.id, status: "failed", commitSha: commitId("broken"), error: "Could not clone the repository.", finishedAt: new Date() } });
    const failed = await verdict(repository.id, commitId("broken"));
    expect(failed.status).toBe(404);
    expect(failed.body.error.message).toMatch(/its last scan failed \(Could not clone the repository\.\)/);

    // A backfill point knows its commit before it runs; a branch scan only once it has cloned.
    await db.scan.create({ data: { repositoryId: repository.id, status: "running", commitSha: commitId("backfilled"), trigger: "backfill" } });
    expect((await verdict(repository.id, commitId("backfilled"))).body.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/scan is in progress/) });
    await db.scan.create({ data: { repositoryId: repository.id, status: "queued" } });
    const pending = await verdict(repository.id, commitId("pushed"));
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toMatch(/of the branch is queued or running/);
    // A commit that has a snapshot is judged whatever else is running.
    expect((await verdict(repository.id, `abcdef1${"0".repeat(33)}`)).status).toBe(200);
    expect((await verdict("c-no-such-repository")).status).toBe(404);
  });

  it("judges a real scan of the sample with an uploaded LCOV report: measured domain coverage passes, application fails", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const registered = await registerRepo(repo);
    const commit = headCommit(repo);
    const lcov = ["SF:src/domain/order.ts", "DA:7,3", "DA:8,3", "DA:11,1", "DA:12,1", "end_of_record", "SF:src/application/checkout.ts", "DA:3,1", "DA:4,1", "DA:5,0", "DA:6,0", "end_of_record", ""].join("\n");
    const uploaded = await call(uploadCoverage, { method: "POST", url: `http://heimdall.test/api/repositories/${registered.id}/coverage?commit=${commit}`, params: { id: registered.id }, rawBody: lcov, headers: { "content-type": "text/plain" } });
    expect(uploaded.status).toBe(201);
    await putGate(registered.team.slug, { noNewErrors: true, coverageByLayer: { domain: 90, application: 80 } });
    const scan = await scanAndWait(registered.id);
    expect(scan.status).toBe("succeeded");

    const judged = await verdict(registered.id, commit);
    expect(judged.status).toBe(200);
    expect(judged.body).toMatchObject({ commit, scanId: scan.id, status: "fail" });
    expect(judged.body.conditions).toMatchObject([
      { name: "noNewErrors", status: "pass", actual: null },
      { name: "coverage.domain", status: "pass", actual: 100, expected: 90 },
      { name: "coverage.application", status: "fail", actual: 50, expected: 80 },
    ]);
  });
});
