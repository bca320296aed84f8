// The dashboard API against real PostgreSQL: a small organisation from the seed's factories (3 teams, 6 repositories,
// 10 weeks), and every aggregate checked against the same numbers computed here, in plain TypeScript, from the rows
// that were inserted.
import { beforeEach, describe, expect, it } from "vitest";
import { ANALYZERS } from "@/analyzers";
import type { ApiErrorBody, FindingItemDto, FindingsPageDto, OverviewDto, RepositoryHistoryDto, RulesDto, TeamOverviewDto } from "@/app/_lib/dto";
import { GET as overviewRoute } from "@/app/api/overview/route";
import { GET as findingsRoute } from "@/app/api/repositories/[id]/findings/route";
import { GET as historyRoute } from "@/app/api/repositories/[id]/history/route";
import { GET as rulesRoute } from "@/app/api/rules/route";
import { GET as teamOverviewRoute } from "@/app/api/teams/[slug]/overview/route";
import { BulkWriter } from "@/prisma/seed/bulk-insert";
import { seedOrganisation } from "@/prisma/seed/demo";
import { failedScanRow, findingRow, repositoryRow, ruleResultRows, snapshotRow, teamRow } from "@/prisma/seed/factories";
import { isSnapshot, snapshotTime, type FindingRow, type RepositoryHistory, type RuleResultRow, type ScanRow, type TeamRow } from "@/prisma/seed/rows";
import { call } from "../helpers/api";
import { useDatabaseClient } from "../helpers/pg-client";

const DAY = 24 * 3600 * 1000;
const WEEK = 7 * DAY;
const API = "http://heimdall.test/api";
const SECTION_OF = new Map(ANALYZERS.map((analyzer) => [analyzer.meta.id, analyzer.meta.section]));

const database = useDatabaseClient();

// ---------------------------------------------------------------------------------------------------------------------
// Expectations computed from rows, independently of the SQL under test.

interface World {
  teams: TeamRow[];
  histories: RepositoryHistory[];
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const snapshotsOf = (history: RepositoryHistory) => history.scans.filter(isSnapshot);
const mondayOf = (date: Date) => {
  const day = (date.getUTCDay() + 6) % 7;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day);
};
const byTimeline = (a: ScanRow, b: ScanRow) => snapshotTime(a).getTime() - snapshotTime(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The repository's latest snapshot strictly before `end` (ties: the greater id), or undefined. */
function latestBefore(history: RepositoryHistory, end: number): ScanRow | undefined {
  return snapshotsOf(history)
    .filter((scan) => snapshotTime(scan).getTime() < end)
    .sort(byTimeline)
    .at(-1);
}

/** Week starts from the Monday of `from` to the Monday of the week holding `to`'s last instant. */
function weekStarts(from: Date, to: Date): number[] {
  const weeks: number[] = [];
  for (let week = mondayOf(from); week <= mondayOf(new Date(to.getTime() - 1)); week += WEEK) weeks.push(week);
  return weeks;
}

/** Mean score of the repositories' carried-forward snapshots at each week's end. */
function expectedTrend(histories: RepositoryHistory[], weeks: number[], to: Date) {
  return weeks.map((week) => {
    const end = Math.min(week + WEEK, to.getTime());
    const scores = histories.map((history) => latestBefore(history, end)?.score).filter((score): score is number => typeof score === "number");
    return { week: new Date(week).toISOString(), score: mean(scores), repositories: scores.length };
  });
}

function weightedMean(results: RuleResultRow[]): number | null {
  const applicable = results.filter((result) => result.score !== null && result.weight > 0);
  const weights = applicable.reduce((sum, result) => sum + result.weight, 0);
  return weights === 0 ? null : applicable.reduce((sum, result) => sum + (result.score as number) * result.weight, 0) / weights;
}

function expectClose(actual: number | null | undefined, expected: number | null | undefined, tolerance = 0.051): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual, `expected ≈ ${expected}`).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function isActive(finding: FindingRow): boolean {
  return finding.suppressedKind === null && finding.suppressedReason === null;
}

// ---------------------------------------------------------------------------------------------------------------------

const SEED = { seed: "dashboard-test", teams: 3, repositories: 6, weeks: 10, detailedWeeks: 3, detailEvery: 0, failureRate: 0.15, duplicateRate: 0.15, staleRepositories: 1, failingRepositories: 1 };

describe("dashboard API over a generated organisation", () => {
  let world: World;
  let now: Date;

  beforeEach(async () => {
    now = new Date();
    const result = await seedOrganisation(database.client, { ...SEED, now }, { collect: true });
    world = { teams: result.teams ?? [], histories: result.histories ?? [] };
  });

  it("seeds what it was asked for, through the same factories as the demo", () => {
    expect(world.teams).toHaveLength(3);
    expect(world.histories).toHaveLength(6);
    const all = world.histories.flatMap((history) => history.scans);
    expect(all.some((scan) => scan.status === "failed")).toBe(true);
    expect(all.some((scan) => scan.duplicateOfId !== null)).toBe(true);
    for (const history of world.histories) {
      for (const snapshot of snapshotsOf(history)) expect(history.ruleResults.filter((result) => result.scanId === snapshot.id)).toHaveLength(ANALYZERS.length);
    }
  });

  it("carries each repository's latest snapshot forward week by week, for the organisation and for each team", async () => {
    const from = new Date(now.getTime() - 8 * WEEK);
    const url = `${API}/overview?from=${from.toISOString()}&to=${now.toISOString()}`;
    const { status, body } = await call<OverviewDto>(overviewRoute, { url });
    expect(status).toBe(200);
    const weeks = weekStarts(from, now);
    const expected = expectedTrend(world.histories, weeks, now);
    expect(body.trend.map((point) => point.week)).toEqual(expected.map((point) => point.week));
    body.trend.forEach((point, index) => {
      expectClose(point.score, expected[index]?.score);
      expect(point.repositories).toBe(expected[index]?.repositories);
    });
    expectClose(body.score, expected.at(-1)?.score);
    expectClose(body.delta, (expected.at(-1)?.score ?? 0) - (expected[0]?.score ?? 0), 0.11);
    expect(body.grade).toMatch(/^[A-E]$/);

    const teams = world.teams.map((team) => {
      const trend = expectedTrend(world.histories.filter((history) => history.repository.teamId === team.id), weeks, now);
      return { slug: team.slug, score: trend.at(-1)?.score ?? null, first: trend[0]?.score ?? null, trend };
    });
    const ranked = [...teams].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
    expect(body.teams.map((team) => team.slug)).toEqual(ranked.map((team) => team.slug));
    expect(body.teams.map((team) => team.rank)).toEqual([1, 2, 3]);
    for (const team of body.teams) {
      const mine = teams.find((candidate) => candidate.slug === team.slug);
      expectClose(team.score, mine?.score);
      team.sparkline.forEach((point, index) => expectClose(point, mine?.trend[index]?.score));
      expectClose(team.delta, (mine?.score ?? 0) - (mine?.first ?? 0), 0.11);
    }
  });

  it("ranks guide sections weakest first and picks the biggest movers", async () => {
    const from = new Date(now.getTime() - 6 * WEEK);
    const { body } = await call<OverviewDto>(overviewRoute, { url: `${API}/overview?from=${from.toISOString()}` });
    const firstEnd = Math.min(mondayOf(from) + WEEK, now.getTime());
    const perSection = new Map<string, number[]>();
    const deltas: Array<{ id: string; delta: number }> = [];
    for (const history of world.histories) {
      const latest = latestBefore(history, now.getTime() + 1);
      if (!latest) continue;
      const results = history.ruleResults.filter((result) => result.scanId === latest.id);
      for (const section of new Set(results.map((result) => SECTION_OF.get(result.ruleId) ?? "other"))) {
        const score = weightedMean(results.filter((result) => (SECTION_OF.get(result.ruleId) ?? "other") === section));
        if (score !== null) perSection.set(section, [...(perSection.get(section) ?? []), score]);
      }
      const first = latestBefore(history, firstEnd);
      if (first?.score != null && latest.score !== null && latest.score !== first.score) deltas.push({ id: history.repository.id, delta: latest.score - first.score });
    }
    const sections = [...perSection].map(([id, scores]) => ({ id, score: mean(scores) as number })).sort((a, b) => a.score - b.score);
    expect(body.sections.map((section) => section.id)).toEqual(sections.map((section) => section.id));
    body.sections.forEach((section, index) => expectClose(section.score, sections[index]?.score));
    const up = deltas.filter((mover) => mover.delta > 0).sort((a, b) => b.delta - a.delta).slice(0, 5);
    const down = deltas.filter((mover) => mover.delta < 0).sort((a, b) => a.delta - b.delta).slice(0, 5);
    expect(body.movers.up.map((mover) => mover.id)).toEqual(up.map((mover) => mover.id));
    expect(body.movers.down.map((mover) => mover.id)).toEqual(down.map((mover) => mover.id));
    body.movers.up.forEach((mover, index) => expectClose(mover.delta, up[index]?.delta));
  });

  it("lists repositories whose last scan failed or that have not been scanned for two weeks", async () => {
    const { body } = await call<OverviewDto>(overviewRoute, { url: `${API}/overview?range=12w` });
    const expected = world.histories.flatMap((history) => {
      const last = [...history.scans].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : 1)).at(-1);
      const succeeded = history.scans.filter((scan) => scan.status === "succeeded").map((scan) => scan.finishedAt.getTime());
      const stale = Math.max(...succeeded) < now.getTime() - 14 * DAY;
      if (last?.status === "failed") return [{ id: history.repository.id, reason: "failed" }];
      return stale ? [{ id: history.repository.id, reason: "stale" }] : [];
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(body.attention.total).toBe(expected.length);
    expect(body.attention.items.map((item) => ({ id: item.id, reason: item.reason })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
    expect(body.attention.items.findIndex((item) => item.reason === "stale")).toBeGreaterThan(body.attention.items.findLastIndex((item) => item.reason === "failed"));
  });

  it("narrows the overview to one team with team=", async () => {
    const team = world.teams[0] as TeamRow;
    const { body } = await call<OverviewDto>(overviewRoute, { url: `${API}/overview?range=12w&team=${team.slug}` });
    expect(body.team?.slug).toBe(team.slug);
    expect(body.teams.map((entry) => entry.slug)).toEqual([team.slug]);
    const mine = world.histories.filter((history) => history.repository.teamId === team.id);
    expect(body.repositories).toBe(mine.filter((history) => latestBefore(history, now.getTime() + 1)).length);
  });

  it("shows a team's trend per guide section, its repositories, most violated rules and suppressions", async () => {
    const team = world.teams.find((candidate) => world.histories.filter((history) => history.repository.teamId === candidate.id).length >= 2) as TeamRow;
    const from = new Date(now.getTime() - 5 * WEEK);
    const { status, body } = await call<TeamOverviewDto>(teamOverviewRoute, { url: `${API}/teams/${team.slug}/overview?from=${from.toISOString()}`, params: { slug: team.slug } });
    expect(status).toBe(200);
    const mine = world.histories.filter((history) => history.repository.teamId === team.id);
    const weeks = weekStarts(from, now);
    const expected = expectedTrend(mine, weeks, now);
    body.trend.forEach((point, index) => expectClose(point.score, expected[index]?.score));

    const lastWeekEnd = now.getTime();
    const latest = mine.map((history) => ({ history, scan: latestBefore(history, lastWeekEnd) }));
    const results = latest.flatMap(({ history, scan }) => history.ruleResults.filter((result) => result.scanId === scan?.id));
    const testing = mean(latest.map(({ history, scan }) => weightedMean(history.ruleResults.filter((result) => result.scanId === scan?.id && SECTION_OF.get(result.ruleId) === "testing"))).filter((score): score is number => score !== null));
    expectClose(body.trend.at(-1)?.sections.testing, testing);

    const totals = new Map<string, number>();
    for (const result of results) totals.set(result.ruleId, (totals.get(result.ruleId) ?? 0) + result.findingCount);
    const violated = [...totals].filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
    expect(body.mostViolatedRules.map((rule) => [rule.ruleId, rule.findings])).toEqual(violated);
    // Each with the rule's guide tags (an aggregate of the text[] column: one array, not a 2-D one that indexes to null).
    for (const rule of body.mostViolatedRules) expect(rule.guideTags.length).toBeGreaterThan(0);

    const suppressed = weeks.map((week) =>
      mine.reduce((sum, history) => {
        const scan = latestBefore(history, Math.min(week + WEEK, now.getTime()));
        return sum + history.ruleResults.filter((result) => result.scanId === scan?.id).reduce((total, result) => total + result.suppressedCount, 0);
      }, 0),
    );
    expect(body.suppressions.map((point) => point.suppressed)).toEqual(suppressed);

    expect(body.repositories.map((repository) => repository.id).sort()).toEqual(mine.map((history) => history.repository.id).sort());
    for (const repository of body.repositories) {
      const history = mine.find((candidate) => candidate.repository.id === repository.id) as RepositoryHistory;
      expect(repository.sparkline).toEqual(weeks.map((week) => latestBefore(history, Math.min(week + WEEK, now.getTime()))?.score ?? null));
      const lastScan = [...history.scans].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : 1)).at(-1);
      expect(repository.lastScan?.id).toBe(lastScan?.id);
    }
  });

  it("gives a repository's score history with scan ids and its latest snapshot's rules by guide section", async () => {
    const history = world.histories[0] as RepositoryHistory;
    const id = history.repository.id;
    const { status, body } = await call<RepositoryHistoryDto>(historyRoute, { url: `${API}/repositories/${id}/history?range=104w`, params: { id } });
    expect(status).toBe(200);
    const snapshots = snapshotsOf(history).sort(byTimeline);
    expect(body.points.map((point) => point.scanId)).toEqual(snapshots.map((scan) => scan.id));
    expect(body.points.map((point) => point.score)).toEqual(snapshots.map((scan) => scan.score));
    const latest = snapshots.at(-1) as ScanRow;
    expect(body.snapshot?.scanId).toBe(latest.id);
    expect(body.snapshot?.previousScanId).toBe(snapshots.at(-2)?.id);
    const results = history.ruleResults.filter((result) => result.scanId === latest.id);
    const sectionIds = [...new Set(results.map((result) => SECTION_OF.get(result.ruleId)))];
    expect(body.snapshot?.sections.map((section) => section.id).sort()).toEqual(sectionIds.sort());
    expect(body.snapshot?.sections.flatMap((section) => section.rules)).toHaveLength(ANALYZERS.length);
    for (const section of body.snapshot?.sections ?? []) expectClose(section.score, weightedMean(results.filter((result) => SECTION_OF.get(result.ruleId) === section.id)));
    const numbers = (body.snapshot?.sections ?? []).map((section) => section.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("pages a snapshot's findings with a total, filters them, and tells new and fixed ones by fingerprint", async () => {
    const history = [...world.histories].sort((a, b) => b.findings.length - a.findings.length)[0] as RepositoryHistory;
    const id = history.repository.id;
    const snapshots = snapshotsOf(history).sort(byTimeline);
    const [previous, latest] = snapshots.slice(-2) as [ScanRow, ScanRow];
    const current = history.findings.filter((finding) => finding.scanId === latest.id);
    const before = history.findings.filter((finding) => finding.scanId === previous.id);
    expect(current.length).toBeGreaterThan(10);

    const severityRank = { info: 0, warning: 1, error: 2 };
    const expectedOrder = [...current].sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || (a.id < b.id ? -1 : 1));
    const seen: FindingItemDto[] = [];
    for (let page = 1; ; page++) {
      const { status, body } = await call<FindingsPageDto>(findingsRoute, { url: `${API}/repositories/${id}/findings?pageSize=7&page=${page}`, params: { id } });
      expect(status).toBe(200);
      expect(body.total).toBe(current.length);
      if (body.items.length === 0) break;
      seen.push(...body.items);
    }
    expect(seen.map((item) => item.id)).toEqual(expectedOrder.map((finding) => finding.id));

    const activeBefore = new Set(before.filter(isActive).map((finding) => finding.fingerprint));
    const activeNow = new Set(current.filter(isActive).map((finding) => finding.fingerprint));
    const added = current.filter((finding) => isActive(finding) && !activeBefore.has(finding.fingerprint));
    const gone = before.filter((finding) => isActive(finding) && !activeNow.has(finding.fingerprint));
    const all = await call<FindingsPageDto>(findingsRoute, { url: `${API}/repositories/${id}/findings?pageSize=200`, params: { id } });
    expect(all.body.previousScanId).toBe(previous.id);
    expect(all.body.counts).toMatchObject({ all: current.length, active: current.filter(isActive).length, new: added.length, fixed: gone.length });
    const firstPage = new Set(expectedOrder.slice(0, 200).map((finding) => finding.id));
    expect(all.body.items.filter((item) => item.change === "new").map((item) => item.id).sort()).toEqual(added.filter((finding) => firstPage.has(finding.id)).map((finding) => finding.id).sort());
    const fresh = await call<FindingsPageDto>(findingsRoute, { url: `${API}/repositories/${id}/findings?change=new&pageSize=200`, params: { id } });
    expect(fresh.body.items.map((item) => item.id).sort()).toEqual(added.map((finding) => finding.id).sort());
    const fixed = await call<FindingsPageDto>(findingsRoute, { url: `${API}/repositories/${id}/findings?change=fixed&pageSize=200`, params: { id } });
    expect(fixed.body.total).toBe(gone.length);
    expect(fixed.body.items.map((item) => item.id).sort()).toEqual(gone.map((finding) => finding.id).sort());

    const rule = (current[0] as FindingRow).ruleId;
    const tag = (current[0] as FindingRow).guideTags[0] as string;
    const prefix = (current[0] as FindingRow).file.split("/").slice(0, 2).join("/");
    const filtered = await call<FindingsPageDto>(findingsRoute, {
      url: `${API}/repositories/${id}/findings?rule=${rule}&severity=info,warning,error&tag=${encodeURIComponent(tag)}&path=${encodeURIComponent(prefix)}&sort=file&pageSize=200`,
      params: { id },
    });
    const matching = current.filter((finding) => finding.ruleId === rule && finding.guideTags.includes(tag) && finding.file.startsWith(prefix));
    expect(filtered.body.total).toBe(matching.length);
    expect(filtered.body.items.map((item) => item.file)).toEqual(matching.map((finding) => finding.file).sort());
    const older = await call<FindingsPageDto>(findingsRoute, { url: `${API}/repositories/${id}/findings?snapshot=${previous.id}&pageSize=1`, params: { id } });
    expect(older.body).toMatchObject({ snapshot: { scanId: previous.id }, total: before.length });
  });

  it("reports org-wide compliance per rule with the guide's tags and the analyzers' weights", async () => {
    const { status, body } = await call<RulesDto>(rulesRoute, { url: `${API}/rules?range=12w` });
    expect(status).toBe(200);
    expect(body.rules.map((rule) => rule.ruleId)).toEqual(ANALYZERS.map((analyzer) => analyzer.meta.id));
    const latest = world.histories.map((history) => ({ history, scan: latestBefore(history, now.getTime() + 1) }));
    for (const rule of body.rules) {
      const results = latest.flatMap(({ history, scan }) => history.ruleResults.filter((result) => result.scanId === scan?.id && result.ruleId === rule.ruleId));
      const scores = results.map((result) => result.score).filter((score): score is number => score !== null);
      expectClose(rule.averageScore, mean(scores));
      expect(rule.repositories).toEqual({
        judged: scores.length,
        notApplicable: results.length - scores.length,
        passing: scores.filter((score) => score >= 90).length,
        withFindings: results.filter((result) => result.findingCount > 0).length,
      });
      expect(rule.findings).toBe(results.reduce((sum, result) => sum + result.findingCount, 0));
      expect(rule.weight).toBe(ANALYZERS.find((analyzer) => analyzer.meta.id === rule.ruleId)?.meta.weight);
    }
    expect(body.tags.find((tag) => tag.tag === "DRY")?.rules).toEqual(["duplication"]);
  });
});

describe("dashboard API on hand-made histories", () => {
  it("carries a score forward over weeks without a snapshot and leaves out repositories before their first", async () => {
    const weekStart = mondayOf(new Date()) - 5 * WEEK;
    const at = (week: number, hours = 30) => new Date(weekStart + week * WEEK + hours * 3600 * 1000);
    const team = teamRow({ slug: "carry" });
    const early = repositoryRow(team, { name: "early" });
    const late = repositoryRow(team, { name: "late" });
    const scans = [snapshotRow(early, at(0), { score: 60 }), snapshotRow(early, at(3), { score: 90 }), snapshotRow(late, at(2), { score: 80 })];
    // A duplicate scan and a failed scan never count as snapshots.
    const duplicate = { ...snapshotRow(early, at(4), { score: 10 }), duplicateOfId: (scans[1] as ScanRow).id, snapshotKey: null };
    const failed = failedScanRow(late, at(4));
    const writer = new BulkWriter(database.client);
    await writer.addTeams([team]);
    await writer.addHistory({ repository: early, scans: [scans[0] as ScanRow, scans[1] as ScanRow, duplicate], ruleResults: [], findings: [] });
    await writer.addHistory({ repository: late, scans: [scans[2] as ScanRow, failed], ruleResults: [], findings: [] });
    await writer.flush();

    const { body } = await call<OverviewDto>(overviewRoute, { url: `${API}/overview?from=${new Date(weekStart).toISOString()}` });
    expect(body.trend.slice(0, 5).map((point) => [point.score, point.repositories])).toEqual([
      [60, 1],
      [60, 1],
      [70, 2],
      [85, 2],
      [85, 2],
    ]);
    expect(body.attention.items.map((item) => [item.name, item.reason])).toEqual([["late", "failed"]]);
  });

  it("reuses an organisation-wide aggregate only while no scan has finished since", async () => {
    const team = teamRow({ slug: "cache" });
    const repository = repositoryRow(team, { name: "cached" });
    const writer = new BulkWriter(database.client);
    await writer.addTeams([team]);
    await writer.addHistory({ repository, scans: [snapshotRow(repository, new Date(Date.now() - 3 * DAY), { score: 50 })], ruleResults: [], findings: [] });
    await writer.flush();
    const first = await call<OverviewDto>(overviewRoute, { url: `${API}/overview?range=12w` });
    expect(first.body.score).toBe(50);
    const next = snapshotRow(repository, new Date(Date.now() - DAY), { score: 70 });
    await writer.addScans({ scans: [next], ruleResults: ruleResultRows(next, { secrets: 70 }), findings: [findingRow(next, "secrets", "src/config.ts")] });
    await writer.flush();
    const second = await call<OverviewDto>(overviewRoute, { url: `${API}/overview?range=12w` });
    expect(second.body.score).toBe(70);
  });
});

/** A team `slug` with one repository of the same name and one snapshot (score 80, a day old, no rule results). */
async function oneSnapshotRepository(slug: string) {
  const team = teamRow({ slug });
  const repository = repositoryRow(team, { name: slug });
  const writer = new BulkWriter(database.client);
  await writer.addTeams([team]);
  await writer.addHistory({ repository, scans: [snapshotRow(repository, new Date(Date.now() - DAY), { score: 80 })], ruleResults: [], findings: [] });
  await writer.flush();
  return repository;
}

describe("dashboard API refuses bad input", () => {
  it.each([
    ["overview", `${API}/overview?range=3w`, "range"],
    ["overview", `${API}/overview?from=yesterday`, "from"],
    ["overview", `${API}/overview?from=2026-02-30`, "from"],
    ["overview", `${API}/overview?from=2026-01-10&to=2026-01-01`, "from must be before to"],
    ["overview", `${API}/overview?range=12w&from=2026-01-01`, "either range or from"],
    ["overview", `${API}/overview?from=2010-01-01`, "at most"],
    ["overview", `${API}/overview?team=Not%20A%20Slug`, "team"],
    ["rules", `${API}/rules?range=1y`, "range"],
  ])("%s: %s → 400 naming the problem", async (route, url, mentions) => {
    const handler = route === "rules" ? rulesRoute : overviewRoute;
    const { status, body } = await call<ApiErrorBody>(handler, { url });
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain(mentions);
    expect(body.error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it.each([
    ["pageSize=0", "pageSize"],
    ["pageSize=500", "pageSize"],
    ["page=abc", "page"],
    ["severity=critical", "severity"],
    ["sort=author", "sort"],
    ["order=up", "order"],
    ["change=old", "change"],
    ["rule=DROP%20TABLE", "rule"],
    ["snapshot=not%20an%20id", "snapshot"],
  ])("findings with %s → 400", async (query, mentions) => {
    const repository = await oneSnapshotRepository("bad-input");
    const { status, body } = await call<ApiErrorBody>(findingsRoute, { url: `${API}/repositories/${repository.id}/findings?${query}`, params: { id: repository.id } });
    expect(status).toBe(400);
    expect(body.error.message).toContain(mentions);
  });

  it("answers unknown repositories, teams and snapshots with 404", async () => {
    const repository = await oneSnapshotRepository("known");
    const missing = [
      await call<ApiErrorBody>(historyRoute, { url: `${API}/repositories/nope/history`, params: { id: "nope" } }),
      await call<ApiErrorBody>(findingsRoute, { url: `${API}/repositories/nope/findings`, params: { id: "nope" } }),
      await call<ApiErrorBody>(teamOverviewRoute, { url: `${API}/teams/nobody/overview`, params: { slug: "nobody" } }),
      await call<ApiErrorBody>(overviewRoute, { url: `${API}/overview?team=nobody` }),
      await call<ApiErrorBody>(historyRoute, { url: `${API}/repositories/${repository.id}/history?snapshot=cmissing`, params: { id: repository.id } }),
      await call<ApiErrorBody>(findingsRoute, { url: `${API}/repositories/${repository.id}/findings?snapshot=cmissing`, params: { id: repository.id } }),
    ];
    for (const response of missing) expect(response).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const empty = await call<RepositoryHistoryDto>(historyRoute, { url: `${API}/repositories/${repository.id}/history?range=12w`, params: { id: repository.id } });
    expect(empty.body.snapshot?.sections).toEqual([]);
  });
});
