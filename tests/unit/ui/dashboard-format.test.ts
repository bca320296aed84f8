import { describe, expect, it } from "vitest";
import { deltaDirection, formatAge, formatDelta, formatWeek, plural, scoreDomain, scoreTicks } from "@/app/_lib/dashboard-format";

describe("dashboard formatting", () => {
  it("signs changes and says which way they go; unknown is a dash, never zero", () => {
    expect([2.7, -1.25, 0, null].map(formatDelta)).toEqual(["+2.7", "−1.3", "±0.0", "—"]);
    expect([2.7, -1, 0, undefined].map(deltaDirection)).toEqual(["up", "down", "flat", "unknown"]);
  });

  it("writes weeks in UTC and ages in words", () => {
    expect([formatWeek("2026-05-25T00:00:00.000Z"), formatWeek("2026-05-25T00:00:00.000Z", "long")]).toEqual(["25 May", "25 May 2026"]);
    const now = Date.parse("2026-11-26T12:00:00Z");
    expect(["2026-11-26T08:00:00Z", "2026-11-25T08:00:00Z", "2026-11-20T12:00:00Z", "2026-10-01T12:00:00Z", null].map((iso) => formatAge(iso, now))).toEqual([
      "today",
      "yesterday",
      "6 days ago",
      "8 weeks ago",
      "—",
    ]);
    expect([plural(1, "repository", "repositories"), plural(1500, "team")]).toEqual(["1 repository", "1,500 teams"]);
  });

  it("fits a score axis to the values, padded, in round steps within 0–100", () => {
    expect(scoreDomain([73.9, 76.6, null])).toEqual([65, 85]);
    expect(scoreDomain([2, 99])).toEqual([0, 100]);
    expect(scoreDomain([null])).toEqual([0, 100]);
    expect([scoreTicks([65, 85]), scoreTicks([40, 90]), scoreTicks([0, 100])]).toEqual([
      [65, 70, 75, 80, 85],
      [40, 50, 60, 70, 80, 90],
      [0, 20, 40, 60, 80, 100],
    ]);
  });
});
