import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { collectNames, type NameProblem } from "./collect";

const options = z.strictObject({
  /** Prefixes a boolean's name may start with: the guide's is/has/can, and should, its modal sibling. */
  booleanPrefixes: z.array(z.string().regex(/^[a-z]+$/)).default(["is", "has", "can", "should"]),
  /** Which module-level `const`s holding a string, number or boolean literal must be UPPER_SNAKE_CASE. */
  moduleConstants: z.enum(["all", "exported", "off"]).default("all"),
  /** Also judge the boolean prefix of interface and type-literal members (often mirroring DOM or library names). */
  booleanProperties: z.boolean().default(false),
});

export const naming = defineAnalyzer({
  meta: {
    id: "naming",
    guideTags: ["NAME"],
    section: "core-principles",
    description:
      "Types not in PascalCase, functions, methods, parameters and variables not in camelCase, module constants not in UPPER_SNAKE_CASE, booleans without an is/has/can/should prefix.",
    defaultSeverity: "info",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of judged declarations whose names follow the conventions, in percent; not applicable without declarations.",
  },
  collect: (file, settings) => collectNames(file, settings),
  combine({ files, options: { booleanPrefixes } }) {
    const findings = files.flatMap((file) => findingsOf(file.path, file.facts.problems, booleanPrefixes));
    const checked = files.reduce((sum, file) => sum + file.facts.checked, 0);
    return {
      findings,
      metrics: { declarations: checked, misnamed: findings.length },
      score: (active) => complianceRatioScore(checked - active.length, checked),
    };
  },
});

/** One finding per misnamed declaration; a name misused twice in a file gets `#2` in its identity, to stay unique. */
function findingsOf(file: string, problems: readonly NameProblem[], prefixes: readonly string[]): FindingDraft[] {
  const seen = new Map<string, number>();
  return problems.map((problem) => {
    const key = `${problem.kind} ${problem.name}`;
    const ordinal = (seen.get(key) ?? 0) + 1;
    seen.set(key, ordinal);
    const identity = [problem.kind, ordinal === 1 ? problem.name : `${problem.name}#${ordinal}`];
    return { file, line: problem.line, endLine: problem.line, message: messageOf(problem, prefixes), identity };
  });
}

function messageOf({ kind, name, rule, expected, suggestion }: NameProblem, prefixes: readonly string[]): string {
  if (rule === "boolean") return `Boolean ${kind} ${name} does not start with ${prefixes.join("/")}: rename it so it reads as a yes/no question, e.g. ${suggestion}.`;
  if (rule === "constant") return `Module constant ${name} holds a fixed value but is not in UPPER_SNAKE_CASE: rename it to ${suggestion}.`;
  return `The ${kind} ${name} is not in ${expected}: rename it to ${suggestion}.`;
}
