import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, RepositoryDto } from "@/app/_lib/dto";
import { POST as uploadCoverage } from "@/app/api/repositories/[id]/coverage/route";
import { DELETE as deleteRepositoryRoute, GET as getRepositoryRoute, PATCH as updateRepositoryRoute } from "@/app/api/repositories/[id]/route";
import { POST as registerRepositoryRoute } from "@/app/api/repositories/route";
import { getDb } from "@/app/_server/db";
import { call } from "../helpers/api";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { registerRepo, requestScanOf, useScanWorkers } from "../helpers/scans";

const savedKey = process.env.HEIMDALL_SECRET_KEY;
beforeAll(() => {
  process.env.HEIMDALL_SECRET_KEY = randomBytes(32).toString("base64");
});
afterAll(() => {
  if (savedKey === undefined) delete process.env.HEIMDALL_SECRET_KEY;
  else process.env.HEIMDALL_SECRET_KEY = savedKey;
});

useScanWorkers();

const remove = (id: string) => call<ApiErrorBody | string>(deleteRepositoryRoute, { method: "DELETE", params: { id } });

/** Every row that belongs to a repository, by table. */
async function rowsOf(repositoryId: string): Promise<Record<string, number>> {
  const db = getDb();
  return {
    repository: await db.repository.count({ where: { id: repositoryId } }),
    scans: await db.scan.count({ where: { repositoryId } }),
    ruleResults: await db.ruleResult.count({ where: { scan: { repositoryId } } }),
    findings: await db.finding.count({ where: { scan: { repositoryId } } }),
    backfills: await db.backfill.count({ where: { repositoryId } }),
    coverageReports: await db.coverageReport.count({ where: { repositoryId } }),
  };
}

const NONE = { repository: 0, scans: 0, ruleResults: 0, findings: 0, backfills: 0, coverageReports: 0 };

describe("DELETE /api/repositories/:id", () => {
  it("deletes the repository with its scans, findings, backfills and coverage reports, leaves the others, and is audited", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const kept = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const doomed = await registerRepo(repo);
    const db = getDb();
    const scan = await db.scan.create({ data: { repositoryId: doomed.id, status: "succeeded", commitSha: headCommit(repo), score: 80, grade: "B", finishedAt: new Date() } });
    await db.ruleResult.create({ data: { scanId: scan.id, ruleId: "secrets", guideTags: ["SECRETS"], score: 80, weight: 1, findingCount: 1 } });
    await db.finding.create({ data: { scanId: scan.id, ruleId: "secrets", guideTags: ["SECRETS"], severity: "error", file: "a.ts", line: 1, endLine: 1, message: "m", fingerprint: "f" } });
    await db.backfill.create({ data: { repositoryId: doomed.id, since: new Date(Date.now() - 86_400_000), status: "succeeded" } });
    const uploaded = await call(uploadCoverage, { url: `http://heimdall.test/api/repositories/${doomed.id}/coverage?commit=${headCommit(repo)}`, params: { id: doomed.id }, rawBody: "SF:a.ts\nDA:1,1\nend_of_record\n", headers: { "content-type": "text/plain" } });
    expect(uploaded.status).toBe(201);
    expect(await rowsOf(doomed.id)).toEqual({ repository: 1, scans: 1, ruleResults: 1, findings: 1, backfills: 1, coverageReports: 1 });

    const deleted = await remove(doomed.id);
    expect(deleted).toMatchObject({ status: 204, body: "" });
    expect(await rowsOf(doomed.id)).toEqual(NONE);
    expect((await rowsOf(kept.id)).repository).toBe(1);
    expect((await call<ApiErrorBody>(getRepositoryRoute, { params: { id: doomed.id } })).status).toBe(404);
    expect((await remove(doomed.id)).status).toBe(404);

    const events = await db.auditEvent.findMany({ where: { action: "repository.delete" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetType: "repository", targetId: doomed.id, details: { name: doomed.name, url: repo, branch: null, team: "default" } });
    expect(events[0]?.actor).toMatch(/^token:/);
  });

  it("ends a scan that is running when its repository is deleted without storing anything or retrying it", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const requested = await requestScanOf(repository.id);
    const db = getDb();
    const deadline = Date.now() + 30_000;
    while ((await db.scan.findUnique({ where: { id: requested.id } }))?.status === "queued") {
      if (Date.now() > deadline) throw new Error("the scan never started");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { jobId } = await db.scan.findUniqueOrThrow({ where: { id: requested.id }, select: { jobId: true } });
    expect((await remove(repository.id)).status).toBe(204);

    // The job ends as done (not failed, not waiting for a retry), and nothing of the repository came back.
    let state: string | undefined;
    while (Date.now() < deadline) {
      [{ state } = { state: undefined }] = await db.$queryRawUnsafe<Array<{ state: string }>>("SELECT state::text AS state FROM pgboss.job WHERE id = $1::uuid", jobId);
      if (state === "completed" || state === "failed" || state === "retry") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state).toBe("completed");
    expect(await rowsOf(repository.id)).toEqual(NONE);
    expect(await db.finding.count({ where: { scanId: requested.id } })).toBe(0);
  });
});

describe("the audit log of repository administration", () => {
  const remote = "https://git.example.com/org/private.git";
  const token = `hmdl_${randomBytes(18).toString("hex")}`;
  const patch = (id: string, body: unknown) => call<RepositoryDto & ApiErrorBody>(updateRepositoryRoute, { method: "PATCH", params: { id }, body });

  it("records a registration and each change with what changed; an access token only as set or removed, never its value", async () => {
    const created = await call<RepositoryDto>(registerRepositoryRoute, { body: { url: remote, team: "Payments", accessToken: token, schedule: null } });
    expect(created.status).toBe(201);
    expect((await patch(created.body.id, { accessToken: `${token}x` })).status).toBe(200);
    expect((await patch(created.body.id, { schedule: "0 3 * * *", public: true })).status).toBe(200);
    expect((await patch(created.body.id, { schedule: "0 3 * * *", public: true })).status).toBe(200); // changes nothing
    expect((await patch(created.body.id, { accessToken: null })).body).toMatchObject({ hasAccessToken: false, public: true });
    expect((await patch(created.body.id, { schedule: "not cron" })).status).toBe(400);

    const events = await getDb().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map(({ action, targetId, details }) => ({ action, targetId, details }))).toEqual([
      {
        action: "repository.register",
        targetId: created.body.id,
        details: { name: "private", url: remote, branch: null, team: "payments", teamCreated: true, schedule: null, accessToken: "set" },
      },
      { action: "repository.update", targetId: created.body.id, details: { accessToken: "set" } },
      { action: "repository.update", targetId: created.body.id, details: { schedule: { from: null, to: "0 3 * * *" }, public: { from: false, to: true } } },
      { action: "repository.update", targetId: created.body.id, details: { accessToken: "removed" } },
    ]);
    const [all] = await getDb().$queryRaw<Array<{ text: string }>>`SELECT coalesce(string_agg(a::text, '|'), '') AS text FROM "AuditEvent" a`;
    expect(all?.text).not.toContain(token);
  });

  it("refuses a public flag that is not a boolean, changing nothing", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    const refused = await patch(repository.id, { public: "yes" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/public must be true or false/);
    expect((await getDb().repository.findUniqueOrThrow({ where: { id: repository.id } })).public).toBe(false);
    expect(await getDb().auditEvent.count({ where: { action: "repository.update" } })).toBe(0);
  });
});
