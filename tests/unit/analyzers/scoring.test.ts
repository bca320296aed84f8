import { describe, expect, it } from "vitest";
import { complianceRatioScore, gradeFor, weightedMean } from "@/analyzers/core/scoring";

describe("gradeFor", () => {
  it.each([
    [100, "A"], [90, "A"], [89.9, "B"], [80, "B"], [79.9, "C"], [70, "C"], [69.9, "D"], [50, "D"], [49.9, "E"], [0, "E"],
  ] as const)("%d → %s", (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });
});

describe("weightedMean", () => {
  it("leaves not-applicable rules out instead of counting them as a pass", () => {
    expect(weightedMean([{ score: 40, weight: 1 }, { score: null, weight: 5 }])).toBe(40);
  });

  it("weighs scores by their weights", () => {
    expect(weightedMean([{ score: 100, weight: 3 }, { score: 0, weight: 1 }])).toBe(75);
  });

  it("is null when nothing applies", () => {
    expect(weightedMean([{ score: null, weight: 1 }])).toBeNull();
    expect(weightedMean([])).toBeNull();
  });
});

describe("complianceRatioScore", () => {
  it("is monotonic: one more violation never raises the score", () => {
    const scores = Array.from({ length: 11 }, (_, violations) => complianceRatioScore(10 - violations, 10) ?? -1);
    for (let index = 1; index < scores.length; index += 1) expect(scores[index]).toBeLessThan(scores[index - 1] ?? 0);
    expect(scores[0]).toBe(100);
    expect(scores[10]).toBe(0);
  });

  it("is not applicable with nothing to judge", () => {
    expect(complianceRatioScore(0, 0)).toBeNull();
  });
});
