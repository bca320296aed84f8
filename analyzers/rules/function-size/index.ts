import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { endLineOf, forEachNamedFunction } from "./functions";
import { joinedActions } from "./names";

export { endLineOf, forEachNamedFunction, type FunctionLike } from "./functions";

const options = z.strictObject({
  /** The guide: "Aim for functions under 20 lines". Counted as code lines: blank and comment-only lines are free. */
  maxLines: z.number().int().positive().default(20),
  /** Names that join two verbs yet name one atomic operation of a well-known API (MongoDB, atomics); never reported. */
  allowedJoinedNames: z.array(z.string()).default(["findOneAndUpdate", "findOneAndReplace", "findOneAndDelete", "findAndModify", "compareAndSet", "compareAndSwap", "dragAndDrop"]),
});

export interface MeasuredFunction {
  name: string;
  line: number;
  endLine: number;
  codeLines: number;
  /** The declared name, present only when it joins two actions with "And" (`validateAndSave`). */
  joinedName?: string;
}

export const functionSize = defineAnalyzer({
  meta: {
    id: "function-size",
    guideTags: ["UNIT"],
    section: "core-principles",
    description: "Functions longer than the guide's limit of 20 code lines, and functions whose name joins two actions with \"and\".",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of functions that are within the limit and do not join two actions in their name, in percent; not applicable when the repository has no functions.",
  },
  collect: (file) => measureFunctions(file),
  combine({ files, options: { maxLines, allowedJoinedNames } }) {
    const allowed = new Set(allowedJoinedNames);
    const findings: FindingDraft[] = [];
    const functionOf = new Map<FindingDraft, string>();
    let total = 0;
    for (const { path, facts: functions } of files) {
      total += functions.length;
      for (const fn of functions) {
        for (const finding of findingsFor(path, fn, maxLines, allowed)) {
          findings.push(finding);
          functionOf.set(finding, `${path}\u0000${fn.name}`);
        }
      }
    }
    return {
      findings,
      metrics: { functions: total, oversizedFunctions: countOf(findings, "oversized"), joinedActionNames: countOf(findings, "joined-actions") },
      score: (active) => complianceRatioScore(total - new Set(active.map((finding) => functionOf.get(finding))).size, total),
    };
  },
});

/** Size findings are identified by the function's name alone (as before), name findings by the name and their kind. */
function countOf(findings: readonly FindingDraft[], kind: "oversized" | "joined-actions"): number {
  return findings.filter((finding) => (finding.identity[1] === "joined-actions") === (kind === "joined-actions")).length;
}

function findingsFor(file: string, fn: MeasuredFunction, maxLines: number, allowed: ReadonlySet<string>): FindingDraft[] {
  const isJoined = fn.joinedName !== undefined && !allowed.has(fn.joinedName);
  return [...(fn.codeLines > maxLines ? [sizeFinding(file, fn, maxLines)] : []), ...(isJoined ? [joinedFinding(file, fn)] : [])];
}

function sizeFinding(file: string, fn: MeasuredFunction, maxLines: number): FindingDraft {
  return {
    file,
    line: fn.line,
    endLine: fn.endLine,
    message: `${fn.name} has ${fn.codeLines} code lines; the guide asks for at most ${maxLines}. Split it into functions that each do one thing.`,
    identity: [fn.name],
  };
}

function joinedFinding(file: string, fn: MeasuredFunction): FindingDraft {
  return {
    file,
    line: fn.line,
    endLine: fn.endLine,
    message: `${fn.name} joins two actions in its name; the guide reads "and" in a name as doing too much. Split it into one function per action and let the caller run them in turn.`,
    identity: [fn.name, "joined-actions"],
  };
}

/** Every function with a body, in source order, with its code-line count and whether its name joins two actions. */
export function measureFunctions(file: ParsedFile): MeasuredFunction[] {
  const { ast } = file;
  if (!ast) return [];
  const lines = file.text.split("\n");
  const measured: MeasuredFunction[] = [];
  forEachNamedFunction(ast, (node, name) => {
    const line = lineOf(ast, node);
    const endLine = endLineOf(ast, node);
    const joinedName = ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) ? null : joinedActions(name);
    measured.push({ name, line, endLine, codeLines: countCodeLines(lines, line, endLine), ...(joinedName ? { joinedName } : {}) });
  });
  return measured;
}

/** Lines that hold code: blank lines and lines holding only a comment are not counted. */
function countCodeLines(lines: readonly string[], firstLine: number, lastLine: number): number {
  let count = 0;
  let isInBlockComment = false;
  for (let index = firstLine - 1; index < lastLine; index += 1) {
    const line = classifyLine((lines[index] ?? "").trim(), isInBlockComment);
    isInBlockComment = line.isInBlockComment;
    if (line.hasCode) count += 1;
  }
  return count;
}

/** Whether a trimmed line holds code, and whether a block comment is still open after it. */
function classifyLine(trimmed: string, isInBlockComment: boolean): { hasCode: boolean; isInBlockComment: boolean } {
  if (isInBlockComment) {
    const end = trimmed.indexOf("*/");
    return end < 0 ? { hasCode: false, isInBlockComment: true } : { hasCode: trimmed.slice(end + 2).trim() !== "", isInBlockComment: false };
  }
  if (trimmed === "" || trimmed.startsWith("//")) return { hasCode: false, isInBlockComment: false };
  return trimmed.startsWith("/*") ? classifyLine(trimmed.slice(2), true) : { hasCode: true, isInBlockComment: false };
}
