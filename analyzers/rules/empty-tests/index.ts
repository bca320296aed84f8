import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { isTestFile } from "../../source/roles";
import { scanTestFile, type TestCase, type TestFacts } from "./scan";

const options = z.strictObject({});

const NO_TESTS: TestFacts = { cases: [], skipped: 0 };

export const emptyTests = defineAnalyzer({
  meta: {
    id: "empty-tests",
    guideTags: ["MUT"],
    section: "testing",
    description: "Test cases whose body asserts nothing (no expect, assert, should, or assertion helper), so no mutant of the code they run can fail them.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of test cases that assert something, in percent; skipped and todo cases are left out; not applicable without test cases.",
  },
  collect: (file) => (isTestFile(file.path) ? scanTestFile(file) : NO_TESTS),
  combine({ files }) {
    const findings = files.flatMap((file) => findingsOf(file.path, file.facts.cases));
    const total = files.reduce((sum, file) => sum + file.facts.cases.length, 0);
    return {
      findings,
      metrics: { testCases: total, emptyTestCases: findings.length, skippedTestCases: files.reduce((sum, file) => sum + file.facts.skipped, 0) },
      score: (active) => complianceRatioScore(total - active.length, total),
    };
  },
});

function findingsOf(file: string, cases: readonly TestCase[]): FindingDraft[] {
  const seen = new Map<string, number>();
  return cases.flatMap((testCase): FindingDraft[] => {
    // Cases with the same name (generated in a loop) stay apart by their rank among namesakes.
    const rank = (seen.get(testCase.name) ?? 0) + 1;
    seen.set(testCase.name, rank);
    if (testCase.isAsserting) return [];
    return [{
      file,
      line: testCase.line,
      endLine: testCase.endLine,
      message: `Test "${testCase.name}" asserts nothing, so it passes whatever the code does and kills no mutant: assert on the result or the effect it exercises (expect, assert).`,
      identity: ["test", testCase.name, String(rank)],
    }];
  });
}
