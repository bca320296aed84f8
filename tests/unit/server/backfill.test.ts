import { describe, expect, it } from "vitest";
import { choosePoints, MAX_BACKFILL_POINTS, planBackfill, type HistoryCommit } from "@/app/_server/services/backfill";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-11-26T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

/** First-parent history, newest first, with commits `days` ago. */
function history(...days: number[]): HistoryCommit[] {
  return days.map((ago, index) => ({ sha: `c${index}-${ago}`, committedAt: daysAgo(ago) }));
}

describe("planBackfill", () => {
  it("defaults to weekly points over the last year", () => {
    expect(planBackfill({}, NOW)).toEqual({ since: daysAgo(365), intervalDays: 7, everyCommits: null });
  });

  it("takes a date or a date-time, and every N commits instead of days", () => {
    expect(planBackfill({ since: "2026-01-01", everyCommits: 20 }, NOW)).toEqual({ since: new Date("2026-01-01T00:00:00Z"), intervalDays: null, everyCommits: 20 });
    expect(planBackfill({ since: "2026-06-01T10:00:00+02:00", intervalDays: 14 }, NOW).since).toEqual(new Date("2026-06-01T08:00:00Z"));
  });

  it.each([
    [{ since: "2027-01-01" }, /since must be in the past/],
    [{ since: "2001-01-01" }, /at most 10 years back/],
    [{ since: "yesterday" }, /since/],
    [{ intervalDays: 7, everyCommits: 5 }, /not both/],
    [{ intervalDays: 0 }, /intervalDays/],
    [{ intervalDays: 2.5 }, /intervalDays/],
    [{ everyCommits: -1 }, /everyCommits/],
    [{ weeks: 52 }, /weeks/],
  ])("refuses %j", (input, message) => {
    expect(() => planBackfill(input, NOW)).toThrow(message);
  });
});

describe("choosePoints", () => {
  it("picks the newest commit at or before each week, stepping back from the newest commit", () => {
    // Commits 0, 3, 7, 8, 15, 30 and 40 days ago; weekly points at 0, 7, 14, 21 and 28 days ago. The branch 21 and 28
    // days ago was the commit of 30 days ago: taken once, it is where the trend starts; the one of 40 days is not needed.
    const commits = history(0, 3, 7, 8, 15, 30, 40);
    const points = choosePoints(commits, { since: daysAgo(28), intervalDays: 7, everyCommits: null });
    expect(points.map((point) => point.sha)).toEqual(["c0-0", "c2-7", "c4-15", "c5-30"]);
  });

  it("repeats no commit across quiet weeks and stops at since", () => {
    const commits = history(1, 40, 100, 200);
    const points = choosePoints(commits, { since: daysAgo(60), intervalDays: 7, everyCommits: null });
    // Weeks at 1, 8, 15, …, 57 days ago: the commit of 1 day ago, the one of 40 days from the week at 43, and the one
    // of 100 days, which was the branch 57 days ago; never the one of 200 days.
    expect(points.map((point) => point.sha)).toEqual(["c0-1", "c1-40", "c2-100"]);
  });

  it("takes every Nth commit back to since", () => {
    const commits = history(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(choosePoints(commits, { since: daysAgo(7), intervalDays: null, everyCommits: 3 }).map((point) => point.sha)).toEqual(["c0-0", "c3-3", "c6-6"]);
  });

  it("gives nothing for an empty history and at most the point limit", () => {
    expect(choosePoints([], { since: daysAgo(10), intervalDays: 7, everyCommits: null })).toEqual([]);
    const daily = history(...Array.from({ length: 400 }, (_, day) => day));
    expect(choosePoints(daily, { since: daysAgo(400), intervalDays: 1, everyCommits: null })).toHaveLength(MAX_BACKFILL_POINTS);
  });
});
