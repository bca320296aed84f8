import { z } from "zod";
import { defineAnalyzer, type FileFacts } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { roundScore } from "../../core/scoring";
import { isTestFile } from "../../source/roles";
import { collectTypeFacts, type TypeFacts, type Violation, type ViolationKind } from "./collect";
import { readStrictness, type Strictness } from "./tsconfig";

const options = z.strictObject({
  /** Judge test files too; by default test doubles may bend types (`as any` for a partial mock). */
  includeTests: z.boolean().default(false),
});

/** Weighted violations per 100 lines of TypeScript at which the score reaches 0. */
const ZERO_SCORE_DENSITY = 4;
/** Points taken off when tsconfig.json does not turn strict checking on: every file then checks less. */
const LOOSE_CONFIG_PENALTY = 20;
/** `@ts-nocheck` switches checking off for a whole file; every other violation weighs 1. */
const NOCHECK_WEIGHT = 10;
const CONFIG_FILE = "tsconfig.json";
/** First identity part of the project-level finding on tsconfig.json. */
const CONFIG_KIND = "tsconfig";

const MESSAGES: Record<ViolationKind, (subject: string) => string> = {
  any: (subject) => `Explicit any in ${subject}: declare the real type (or unknown, narrowed before use) so the compiler checks it.`,
  "non-null": (subject) => `Non-null assertion on ${subject}: check for null or undefined (an if, ?? or ?.) instead of telling the compiler to trust it.`,
  "return-type": (subject) => `Exported function ${subject} has no declared return type: declare it, so its contract cannot change by accident.`,
  "ts-ignore": () => "@ts-ignore silences every error on the next line: fix the error, or use @ts-expect-error with a reason so it is revisited.",
  "ts-nocheck": () => "@ts-nocheck turns type checking off for the whole file: remove it and fix the errors it hides.",
  "ts-expect-error": () => "@ts-expect-error has no description: say after it why the error is expected (// @ts-expect-error: reason).",
};

export const typeSafety = defineAnalyzer({
  meta: {
    id: "type-safety",
    guideTags: ["TYPE"],
    section: "low-level-standards",
    description:
      "Explicit any, @ts-ignore/@ts-nocheck, non-null assertions, exported functions without a return type, and a tsconfig.json without strict checking.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: `100 × (1 − weighted violations per 100 lines of TypeScript / ${ZERO_SCORE_DENSITY}), minus ${LOOSE_CONFIG_PENALTY} without strict tsconfig; not applicable without TypeScript.`,
  },
  collect: (file) => collectTypeFacts(file),
  combine({ root, files, options: { includeTests } }) {
    const judged = files.filter((file) => file.facts.isTypeScript && (includeTests || !isTestFile(file.path)));
    const lines = judged.reduce((sum, file) => sum + file.lineCount, 0);
    const strictness = judged.length > 0 ? readStrictness(root) : null;
    const configFinding = strictness ? configFindingOf(strictness) : null;
    const findings = [...judged.flatMap(findingsOf), ...(configFinding ? [configFinding] : [])];
    return {
      findings,
      metrics: { ...countsByKind(judged), typeScriptLines: lines, ...(strictness && strictness.status !== "unknown" ? { strictConfig: strictness.status === "strict" ? 1 : 0 } : {}) },
      score: (active) => (judged.length === 0 ? null : scoreOf(active, lines)),
    };
  },
});

/** The score's formula, shown in `meta.scoring`: density of weighted violations, and a fixed penalty for a loose config. */
function scoreOf(active: readonly FindingDraft[], lines: number): number {
  const weighted = active.reduce((sum, finding) => sum + weightOf(finding), 0);
  const perHundredLines = (100 * weighted) / Math.max(lines, 1);
  const isConfigLoose = active.some((finding) => finding.identity[0] === CONFIG_KIND);
  return roundScore(100 * (1 - perHundredLines / ZERO_SCORE_DENSITY) - (isConfigLoose ? LOOSE_CONFIG_PENALTY : 0));
}

function weightOf(finding: FindingDraft): number {
  if (finding.identity[0] === CONFIG_KIND) return 0;
  return finding.identity[0] === "ts-nocheck" ? NOCHECK_WEIGHT : 1;
}

/** One finding per violation; the identity is the kind, what it concerns and its ordinal among equal ones in the file. */
function findingsOf(file: FileFacts<TypeFacts>): FindingDraft[] {
  const seen = new Map<string, number>();
  return file.facts.violations.map((violation: Violation) => {
    const key = `${violation.kind} ${violation.subject}`;
    const ordinal = (seen.get(key) ?? 0) + 1;
    seen.set(key, ordinal);
    const message = MESSAGES[violation.kind](violation.subject);
    return { file: file.path, line: violation.line, endLine: violation.line, message, identity: [violation.kind, violation.subject, String(ordinal)] };
  });
}

function configFindingOf(strictness: Strictness): FindingDraft | null {
  if (strictness.status !== "loose") return null;
  const message =
    strictness.disabled.length > 0
      ? `tsconfig.json turns strict on but switches ${strictness.disabled.join(" and ")} off again: remove those overrides so the strict checks apply.`
      : 'tsconfig.json (with the local configs it extends) does not set "strict": true: add it to compilerOptions so null checks, implicit any and the rest of the strict family apply.';
  return { file: CONFIG_FILE, line: strictness.line, endLine: strictness.line, message, identity: [CONFIG_KIND, strictness.disabled.join(",") || "strict"] };
}

/** Metric names of the violation kinds. */
const METRIC_NAMES: Record<ViolationKind, string> = {
  any: "explicitAny",
  "non-null": "nonNullAssertions",
  "return-type": "exportsWithoutReturnType",
  "ts-ignore": "tsIgnore",
  "ts-nocheck": "tsNocheck",
  "ts-expect-error": "tsExpectErrorWithoutReason",
};

function countsByKind(files: ReadonlyArray<FileFacts<TypeFacts>>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.values(METRIC_NAMES).map((name) => [name, 0]));
  for (const file of files) {
    for (const { kind } of file.facts.violations) counts[METRIC_NAMES[kind]] = (counts[METRIC_NAMES[kind]] ?? 0) + 1;
  }
  return counts;
}
