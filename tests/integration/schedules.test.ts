import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, RepositoryDto } from "@/app/_lib/dto";
import { GET as getRepositoryRoute, PATCH as updateRepositoryRoute } from "@/app/api/repositories/[id]/route";
import { POST as registerRoute } from "@/app/api/repositories/route";
import { getDb } from "@/app/_server/db";
import { startBoss } from "@/app/_server/queue/boss";
import { SCHEDULER_QUEUE, schedulerTick, startScheduler } from "@/app/_server/queue/scheduler";
import { DEFAULT_SCHEDULE, nextRun } from "@/app/_server/schedule/cron";
import { call } from "../helpers/api";
import { createFixtureRepo } from "../helpers/git-fixture";
import { requestScanOf } from "../helpers/scans";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Registers a fixture repository through the API with `extra` fields (e.g. a schedule). */
async function register(extra: Record<string, unknown> = {}): Promise<RepositoryDto> {
  const url = createFixtureRepo(inject("repoRoot"), "sample");
  const { status, body } = await call<RepositoryDto>(registerRoute, { body: { url, ...extra } });
  expect(status).toBe(201);
  return body;
}

async function stored(id: string) {
  return getDb().repository.findUniqueOrThrow({ where: { id }, select: { schedule: true, nextScanAt: true } });
}

async function scansOf(repositoryId: string) {
  return getDb().scan.findMany({ where: { repositoryId } });
}

function patch(id: string, body: unknown) {
  return call<RepositoryDto & ApiErrorBody>(updateRepositoryRoute, { method: "PATCH", params: { id }, body });
}

describe("schedules at registration", () => {
  it("gives a repository the daily default, with its first scheduled scan within a day", async () => {
    const before = Date.now();
    const repository = await register();
    expect(repository.schedule).toBe(DEFAULT_SCHEDULE);
    const next = Date.parse(repository.nextScanAt ?? "");
    expect(next).toBeGreaterThan(before);
    expect(next - before).toBeLessThanOrEqual(DAY_MS);
    expect(new Date(next)).toEqual(nextRun(DEFAULT_SCHEDULE, repository.id, new Date(next - 60_000)));
    expect((await stored(repository.id)).nextScanAt?.toISOString()).toBe(repository.nextScanAt);
  });

  it("takes a schedule of the repository's own, tidied, and reports it on GET", async () => {
    const repository = await register({ schedule: "  30  4 * * mon " });
    expect(repository.schedule).toBe("30 4 * * mon");
    const next = new Date(repository.nextScanAt ?? "");
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 4, 30]);
    const { body } = await call<RepositoryDto>(getRepositoryRoute, { params: { id: repository.id } });
    expect(body).toMatchObject({ schedule: "30 4 * * mon", nextScanAt: repository.nextScanAt });
  });

  it.each([null, ""])("takes %j as manual scans only: no next scan", async (schedule) => {
    const repository = await register({ schedule });
    expect(repository).toMatchObject({ schedule: null, nextScanAt: null });
    expect(await stored(repository.id)).toEqual({ schedule: null, nextScanAt: null });
  });

  it.each([
    ["0 25 * * *", 'schedule: "0 25 * * *" is not a valid schedule: the hour field "25": 25 is outside 0-23.'],
    ["*/2 * * * *", 'schedule: "*/2 * * * *" is not a valid schedule: its runs can be as little as 2 minutes apart; scheduled scans may run at most every 5 minutes.'],
    ["0 3 * *", 'schedule: "0 3 * *" is not a valid schedule: it has 4 fields; a schedule has 5 (minute hour day-of-month month day-of-week, in UTC).'],
    [42, "schedule: schedule must be a cron expression or null."],
  ])("refuses the schedule %j with 400 and its reason, storing nothing", async (schedule, message) => {
    const url = createFixtureRepo(inject("repoRoot"), "sample");
    const response = await call<ApiErrorBody>(registerRoute, { body: { url, team: "Schedulers", schedule } });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message } } });
    expect(await getDb().repository.count()).toBe(0);
    expect(await getDb().team.count()).toBe(0);
  });
});

describe("PATCH /api/repositories/:id with a schedule", () => {
  it("recomputes the next scheduled scan, and null makes the repository manual-only", async () => {
    const repository = await register();
    const changed = await patch(repository.id, { schedule: "15 3 * * *" });
    expect(changed.status).toBe(200);
    expect(changed.body.schedule).toBe("15 3 * * *");
    const next = new Date(changed.body.nextScanAt ?? "");
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([3, 15]);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(DAY_MS);
    expect(changed.body.nextScanAt).not.toBe(repository.nextScanAt);
    expect((await stored(repository.id)).nextScanAt?.toISOString()).toBe(changed.body.nextScanAt);

    const manual = await patch(repository.id, { schedule: null });
    expect(manual.body).toMatchObject({ schedule: null, nextScanAt: null });
    const again = await patch(repository.id, { schedule: "@weekly" });
    expect(again.body.schedule).toBe("@weekly");
    expect(again.body.nextScanAt).not.toBeNull();
  });

  it("refuses an invalid schedule with 400 and leaves the stored one alone", async () => {
    const repository = await register({ schedule: "0 6 * * *" });
    const response = await patch(repository.id, { schedule: "0 6 * * * *" });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    expect(response.body.error.message).toContain("it has 6 fields");
    expect(await stored(repository.id)).toEqual({ schedule: "0 6 * * *", nextScanAt: new Date(repository.nextScanAt ?? "") });
  });

  it("answers an unknown repository with 404 and an unknown field with 400", async () => {
    expect((await patch("missing", { schedule: null })).status).toBe(404);
    const repository = await register();
    expect((await patch(repository.id, { schedul: "0 3 * * *" })).status).toBe(400);
  });
});

describe("schedulerTick", () => {
  it("requests exactly one scheduled scan of a due repository when two ticks run at once, and moves its next scan into the future", async () => {
    const repository = await register();
    const dueAt = new Date(repository.nextScanAt ?? "");
    const now = new Date(dueAt.getTime() + 20_000);
    const reports = await Promise.all([schedulerTick(now), schedulerTick(now)]);

    expect(reports.reduce((sum, report) => sum + (report.scheduledScans?.requested ?? 0), 0)).toBe(1);
    const scans = await scansOf(repository.id);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ trigger: "schedule", status: "queued" });
    const { nextScanAt } = await stored(repository.id);
    expect(nextScanAt?.getTime()).toBeGreaterThan(now.getTime());
    expect(nextScanAt).toEqual(nextRun(DEFAULT_SCHEDULE, repository.id, now));
  });

  it("requests one scan after downtime, not one per missed slot, then waits for the next future slot", async () => {
    const repository = await register({ schedule: "0 * * * *" });
    await getDb().repository.update({ where: { id: repository.id }, data: { nextScanAt: new Date(Date.now() - 3 * DAY_MS) } });
    const now = new Date();
    await schedulerTick(now);
    await schedulerTick(now);
    expect(await scansOf(repository.id)).toHaveLength(1);
    const { nextScanAt } = await stored(repository.id);
    expect(nextScanAt?.getTime()).toBeGreaterThan(now.getTime());
    expect((nextScanAt?.getTime() ?? 0) - now.getTime()).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it("leaves a repository that is not due yet alone", async () => {
    const repository = await register();
    const dueAt = new Date(repository.nextScanAt ?? "");
    const report = await schedulerTick(new Date(dueAt.getTime() - 1000));
    expect(report.scheduledScans).toMatchObject({ requested: 0, initialized: 0 });
    expect(await scansOf(repository.id)).toHaveLength(0);
    expect((await stored(repository.id)).nextScanAt).toEqual(dueAt);
  });

  it("never schedules a manual-only repository", async () => {
    const repository = await register({ schedule: null });
    await schedulerTick(new Date(Date.now() + 400 * DAY_MS));
    expect(await scansOf(repository.id)).toHaveLength(0);
    expect(await stored(repository.id)).toEqual({ schedule: null, nextScanAt: null });
  });

  it("does not queue a second scan while one is queued, and still moves the next scan on", async () => {
    const repository = await register();
    const manual = await requestScanOf(repository.id);
    const now = new Date(Date.parse(repository.nextScanAt ?? "") + 1000);
    await schedulerTick(now);
    const scans = await scansOf(repository.id);
    expect(scans.map((scan) => [scan.id, scan.trigger])).toEqual([[manual.id, "manual"]]);
    expect((await stored(repository.id)).nextScanAt?.getTime()).toBeGreaterThan(now.getTime());
  });

  it("gives a scheduled repository without a next scan (registered before schedules) one, without scanning", async () => {
    const repository = await register({ schedule: "0 5 * * *" });
    await getDb().repository.update({ where: { id: repository.id }, data: { nextScanAt: null } });
    const now = new Date();
    const report = await schedulerTick(now);
    expect(report.scheduledScans).toMatchObject({ requested: 0, initialized: 1 });
    expect(await scansOf(repository.id)).toHaveLength(0);
    expect((await stored(repository.id)).nextScanAt).toEqual(nextRun("0 5 * * *", repository.id, now));
  });

  it("handles more due repositories than one batch", async () => {
    const repositories = [];
    for (let index = 0; index < 30; index += 1) repositories.push(await register({ schedule: "0 5 * * *" }));
    await getDb().repository.updateMany({ data: { nextScanAt: new Date(Date.now() - 60_000) } });
    const report = await schedulerTick(new Date());
    expect(report.scheduledScans).toMatchObject({ requested: 30, failed: 0 });
    expect(await getDb().scan.count({ where: { trigger: "schedule" } })).toBe(30);
  });
});

describe("the pg-boss cron path", () => {
  it("registers the once-a-minute tick with pg-boss on a worker, and a tick job requests due scans", async () => {
    const boss = await startBoss({ role: "worker" });
    const scheduler = await startScheduler(boss);
    try {
      const schedules = await boss.getSchedules();
      expect(schedules).toEqual(expect.arrayContaining([expect.objectContaining({ name: SCHEDULER_QUEUE, cron: "* * * * *" })]));

      const repository = await register();
      await getDb().repository.update({ where: { id: repository.id }, data: { nextScanAt: new Date(Date.now() - 1000) } });
      // What pg-boss's cron sends each minute; sent here so the test need not wait for the minute to turn.
      await boss.send(SCHEDULER_QUEUE, {});
      const deadline = Date.now() + 20_000;
      while ((await scansOf(repository.id)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      const scans = await scansOf(repository.id);
      expect(scans.map((scan) => scan.trigger)).toEqual(["schedule"]);
    } finally {
      await scheduler.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    }
  });
});
