import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, BackfillDto, ScanDto, SnapshotDto } from "@/app/_lib/dto";
import { GET as getBackfill } from "@/app/api/backfills/[id]/route";
import { GET as listBackfills, POST as requestBackfill } from "@/app/api/repositories/[id]/backfills/route";
import { GET as getRepository } from "@/app/api/repositories/[id]/route";
import { POST as registerRepository } from "@/app/api/repositories/route";
import { GET as listSnapshots } from "@/app/api/repositories/[id]/snapshots/route";
import { getDb } from "@/app/_server/db";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";

useScanWorkers(1);

const DAY = 24 * 60 * 60 * 1000;

/** A long function whose size grows each week, so the function-size rule sees the code change over time. */
function trendFile(week: number): string {
  const body = Array.from({ length: 10 + week * 8 }, (_, line) => `  total += ${line};`).join("\n");
  return `export function weeklyTotal(total: number): number {\n${body}\n  return total;\n}\n`;
}

/**
 * Eleven weekly commits ending now, each changing one file, plus an extra commit three days ago that no weekly point
 * lands on. Returns the repository and its weekly commits' dates, oldest first.
 */
function weeklyHistory(): { repo: string; weeks: Date[] } {
  const now = Date.now() - 60_000;
  const weeks = Array.from({ length: 11 }, (_, index) => new Date(now - (10 - index) * 7 * DAY));
  const repo = createFixtureRepo(inject("repoRoot"), "sample", { date: new Date(weeks[0]!.getTime() - DAY) });
  weeks.forEach((date, week) => {
    if (week === 10) commitFile(repo, "src/extra.ts", "export const extra = 1;\n", "Extra commit", { date: new Date(now - 3 * DAY) });
    commitFile(repo, "src/trend.ts", trendFile(week), `Week ${week}`, { date });
  });
  return { repo, weeks };
}

async function waitForBackfill(id: string, timeoutMs = 120_000): Promise<BackfillDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call<BackfillDto>(getBackfill, { params: { id } });
    if (body.status === "succeeded" || body.status === "failed") return body;
    if (Date.now() > deadline) throw new Error(`backfill ${id} did not finish: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("backfill", () => {
  it("scans one commit per week back to since, placing each snapshot at its commit date and reusing unchanged files' analysis", async () => {
    const { repo, weeks } = weeklyHistory();
    const repository = await registerRepo(repo);
    const head = await scanAndWait(repository.id);
    expect(head.status).toBe("succeeded");

    const since = new Date(weeks[2]!.getTime() - 60 * 60 * 1000).toISOString();
    const requested = await call<BackfillDto>(requestBackfill, { method: "POST", params: { id: repository.id }, body: { since } });
    expect(requested.status).toBe(202);
    const again = await call<BackfillDto>(requestBackfill, { method: "POST", params: { id: repository.id }, body: { since } });
    expect(again.body.id).toBe(requested.body.id);

    const finished = await waitForBackfill(requested.body.id);
    // Points at now, now−7d, …, now−56d: the weekly commits 10 down to 2; the extra commit is never a point.
    expect(finished).toMatchObject({ status: "succeeded", total: 9, done: 9, error: null, points: { queued: 0, succeeded: 9, failed: 0 } });

    const points = await getDb().scan.findMany({ where: { backfillId: finished.id }, orderBy: { committedAt: "asc" } });
    expect(points.map((point) => point.committedAt?.getTime())).toEqual(weeks.slice(2).map((date) => Math.floor(date.getTime() / 1000) * 1000));
    // The newest point is the commit the manual scan already stored: a duplicate, not a second point on the chart.
    expect(points.at(-1)?.duplicateOfId).toBe(head.id);
    // Every older point changed one file (src/trend.ts) against the analysis already cached: one file parsed, the rest reused.
    for (const point of points.slice(0, -1)) {
      const { cache, files } = point.stats as { files: number; cache: { hits: number; misses: number } };
      expect(cache).toEqual({ hits: files - 1, misses: 1 });
      expect(files).toBeGreaterThan(2);
    }

    const { body: snapshots } = await call<SnapshotDto[]>(listSnapshots, { params: { id: repository.id } });
    expect(snapshots).toHaveLength(9);
    expect(snapshots.map((snapshot) => snapshot.committedAt)).toEqual(weeks.slice(2).map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString()));
    // The trend file grows each week, so function-size (and the score) only goes down over time.
    const scores = snapshots.map((snapshot) => snapshot.score ?? 0);
    expect(scores[0]).toBeGreaterThan(scores.at(-1)!);
    // The current snapshot is still the newest commit's, though the backfill finished after it.
    const { body: current } = await call<{ current: SnapshotDto; latestScan: ScanDto }>(getRepository, { params: { id: repository.id } });
    expect(current.current.scanId).toBe(head.id);
    expect(current.latestScan.id).toBe(head.id);

    const { body: listed } = await call<BackfillDto[]>(listBackfills, { params: { id: repository.id } });
    expect(listed.map((backfill) => backfill.id)).toEqual([finished.id]);
  });

  it("takes every Nth commit when asked", async () => {
    const { repo } = weeklyHistory();
    const repository = await registerRepo(repo);
    const since = new Date(Date.now() - 200 * DAY).toISOString();
    const { body } = await call<BackfillDto>(requestBackfill, { method: "POST", params: { id: repository.id }, body: { since, everyCommits: 4 } });
    // 12 first-parent commits after the initial one, plus it: 13; every 4th from the newest gives 4.
    expect(await waitForBackfill(body.id)).toMatchObject({ status: "succeeded", total: 4, everyCommits: 4, intervalDays: null });
  });

  it("fails with the clone's reason when the repository is gone, and fails none of the other snapshots", async () => {
    const { repo } = weeklyHistory();
    const repository = await registerRepo(repo);
    await getDb().repository.update({ where: { id: repository.id }, data: { branch: "no-such-branch" } });
    const { body } = await call<BackfillDto>(requestBackfill, { method: "POST", params: { id: repository.id }, body: {} });
    const finished = await waitForBackfill(body.id);
    expect(finished.status).toBe("failed");
    expect(finished.error).toMatch(/no-such-branch/);
    expect(await getDb().scan.count({ where: { repositoryId: repository.id } })).toBe(0);
  });

  it("starts at registration when asked, and a bad backfill request registers nothing", async () => {
    const { repo } = weeklyHistory();
    const refused = await call<ApiErrorBody>(registerRepository, { body: { url: repo, backfill: { intervalDays: 0 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/intervalDays/);
    expect(await getDb().repository.count()).toBe(0);

    const since = new Date(Date.now() - 15 * DAY).toISOString();
    const registered = await call<{ id: string }>(registerRepository, { body: { url: repo, backfill: { since } } });
    expect(registered.status).toBe(201);
    const { body: backfills } = await call<BackfillDto[]>(listBackfills, { params: { id: registered.body.id } });
    expect(backfills).toHaveLength(1);
    // Weekly points at the newest commit, 7 and 14 days before it: the next one would be before since.
    expect(await waitForBackfill(backfills[0]!.id)).toMatchObject({ status: "succeeded", total: 3 });
  });

  describe("refuses bad requests", () => {
    it.each([
      [{ since: "2999-01-01" }, /since must be in the past/],
      [{ intervalDays: 7, everyCommits: 3 }, /not both/],
      [{ since: "last year" }, /since/],
      [{ intervalDays: "7" }, /intervalDays/],
    ])("%j → 400", async (input, message) => {
      const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
      const { status, body } = await call<ApiErrorBody>(requestBackfill, { method: "POST", params: { id: repository.id }, body: input });
      expect(status).toBe(400);
      expect(body.error.message).toMatch(message);
      expect(await getDb().backfill.count()).toBe(0);
    });

    it("answers unknown repositories and backfills with 404", async () => {
      expect((await call(requestBackfill, { method: "POST", params: { id: "nope" }, body: {} })).status).toBe(404);
      expect((await call(getBackfill, { params: { id: "nope" } })).status).toBe(404);
    });
  });
});
