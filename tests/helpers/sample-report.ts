import { expect } from "vitest";

interface RuleExpectation {
  id: string;
  guideTags: string[];
  score: number | null;
  weight: number;
  findingCount: number;
}

/**
 * Every rule's result on tests/fixtures/repos/sample, in id order, as measured when its flaws were written: one
 * function too long (function-size 80), one module's exports unused (unused-exports 60), no README sections, changelog,
 * CI, ADRs, license, doc comments, tests or coverage (0 each), the other applicable rules 100, and rules with nothing to
 * judge (no async code, no throw, no Dockerfile, no HTTP server, no tests, no interfaces) not applicable.
 */
const SAMPLE_RULES: readonly RuleExpectation[] = [
  { id: "blocking-calls", guideTags: ["ASYNC"], score: null, weight: 1, findingCount: 0 },
  { id: "ci-pipeline", guideTags: ["CI/CD"], score: 0, weight: 1, findingCount: 1 },
  { id: "complexity", guideTags: ["KISS"], score: 100, weight: 1, findingCount: 0 },
  { id: "coverage", guideTags: ["COV"], score: 0, weight: 1, findingCount: 2 },
  { id: "decision-records", guideTags: ["ADR"], score: 0, weight: 1, findingCount: 1 },
  { id: "dependency-inversion", guideTags: ["D"], score: 100, weight: 1, findingCount: 0 },
  { id: "doc-comments", guideTags: ["INFO", "DOC"], score: 0, weight: 1, findingCount: 4 },
  { id: "dockerfile", guideTags: ["DOCKER"], score: null, weight: 1, findingCount: 0 },
  { id: "duplication", guideTags: ["DRY"], score: 100, weight: 1, findingCount: 0 },
  { id: "e2e-suite", guideTags: ["E2E"], score: null, weight: 1, findingCount: 0 },
  { id: "empty-tests", guideTags: ["MUT"], score: null, weight: 1, findingCount: 0 },
  { id: "env-file", guideTags: ["SECRETS"], score: 100, weight: 1, findingCount: 0 },
  { id: "exceptions", guideTags: ["EXCEPT"], score: null, weight: 1, findingCount: 0 },
  { id: "framework-independence", guideTags: ["DB/UI"], score: 100, weight: 1, findingCount: 0 },
  { id: "function-size", guideTags: ["UNIT"], score: 80, weight: 1, findingCount: 1 },
  { id: "health-endpoint", guideTags: ["HEALTH"], score: null, weight: 1, findingCount: 0 },
  { id: "injection", guideTags: ["OWASP", "VALID"], score: 100, weight: 2, findingCount: 0 },
  { id: "interface-segregation", guideTags: ["I", "L"], score: null, weight: 1, findingCount: 0 },
  { id: "layering", guideTags: ["LAYER", "DIR"], score: 100, weight: 1, findingCount: 0 },
  { id: "license", guideTags: ["README"], score: 0, weight: 1, findingCount: 1 },
  { id: "logs", guideTags: ["LOGS"], score: 100, weight: 1, findingCount: 0 },
  { id: "naming", guideTags: ["NAME"], score: 100, weight: 1, findingCount: 0 },
  { id: "query-in-loop", guideTags: ["N+1"], score: null, weight: 1, findingCount: 0 },
  { id: "readme", guideTags: ["README"], score: 0, weight: 1, findingCount: 4 },
  { id: "secrets", guideTags: ["SECRETS"], score: 100, weight: 2, findingCount: 0 },
  { id: "test-presence", guideTags: ["UNIT"], score: 0, weight: 1, findingCount: 1 },
  { id: "type-safety", guideTags: ["TYPE"], score: 100, weight: 1, findingCount: 0 },
  { id: "unused-exports", guideTags: ["YAGNI"], score: 60, weight: 1, findingCount: 1 },
  { id: "versioning", guideTags: ["VERS"], score: 0, weight: 1, findingCount: 1 },
];

/**
 * Matchers for the sample's rule results as a report lists them (`id` in the CLI's JSON, `ruleId` in the API), with
 * the changes a test made to the sample.
 */
export function sampleRuleResults(key: "id" | "ruleId", changes: Record<string, Partial<Omit<RuleExpectation, "id">>> = {}): unknown[] {
  return SAMPLE_RULES.map(({ id, ...expected }) => expect.objectContaining({ [key]: id, ...expected, ...changes[id] }));
}
