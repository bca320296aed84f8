import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";

const options = z.strictObject({
  /** The guide: "Aim for functions under 20 lines". Counted as code lines: blank and comment-only lines are free. */
  maxLines: z.number().int().positive().default(20),
});

type FunctionLike =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

export interface MeasuredFunction {
  name: string;
  line: number;
  endLine: number;
  codeLines: number;
}

export const functionSize = defineAnalyzer({
  meta: {
    id: "function-size",
    guideTags: ["UNIT"],
    section: "core-principles",
    description: "Functions longer than the guide's limit of 20 code lines.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of functions within the limit, in percent; not applicable when the repository has no functions.",
  },
  collect: (file) => measureFunctions(file),
  combine({ files, options: { maxLines } }) {
    const findings: FindingDraft[] = [];
    let total = 0;
    for (const { path, facts: functions } of files) {
      total += functions.length;
      for (const fn of functions.filter((measured) => measured.codeLines > maxLines)) {
        findings.push({
          file: path,
          line: fn.line,
          endLine: fn.endLine,
          message: `${fn.name} has ${fn.codeLines} code lines; the guide asks for at most ${maxLines}. Split it into functions that each do one thing.`,
          identity: [fn.name],
        });
      }
    }
    return {
      findings,
      metrics: { functions: total, oversizedFunctions: findings.length },
      score: (active) => complianceRatioScore(total - active.length, total),
    };
  },
});

/** Every function with a body, in source order, with its code-line count. */
export function measureFunctions(file: ParsedFile): MeasuredFunction[] {
  const { ast } = file;
  if (!ast) return [];
  const lines = file.text.split("\n");
  const seen = new Map<string, number>();
  const measured: MeasuredFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionWithBody(node) && !isSuiteBody(node)) {
      const line = lineOf(ast, node);
      const endLine = ast.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      const baseName = functionName(node, ast);
      const ordinal = seen.get(baseName) ?? 0;
      seen.set(baseName, ordinal + 1);
      const name = ordinal === 0 ? baseName : `${baseName}#${ordinal + 1}`;
      measured.push({ name, line, endLine, codeLines: countCodeLines(lines, line, endLine) });
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return measured;
}

function isFunctionWithBody(node: ts.Node): node is FunctionLike {
  const functionLike =
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node);
  return functionLike && node.body !== undefined;
}

/** Test-suite containers (`describe`, `suite`, `context`, also `.each`/`.only`/`.skip`) group tests; they do no work themselves. */
const SUITE_FUNCTIONS = new Set(["describe", "suite", "context"]);

function isSuiteBody(node: FunctionLike): boolean {
  const call = node.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return false;
  let callee: ts.Expression = call.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && SUITE_FUNCTIONS.has(callee.text);
}

/** `items.map(…)` → `<callback of items.map>`, `it("…")` → `<callback of it>`: a name a reader can find. */
function callbackName(node: FunctionLike, ast: ts.SourceFile): string | null {
  const call = node.parent;
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return null;
  const callee = call.expression.getText(ast).replace(/\s+/g, "");
  return `<callback of ${callee.length > 40 ? `${callee.slice(0, 40)}…` : callee}>`;
}

function functionName(node: FunctionLike, ast: ts.SourceFile): string {
  const owner = ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : "";
  if (ts.isConstructorDeclaration(node)) return `${owner}constructor`;
  if (node.name && !ts.isArrowFunction(node)) return `${owner}${node.name.getText(ast)}`;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return `${owner}${parent.name.getText(ast)}`;
  }
  return callbackName(node, ast) ?? "<anonymous function>";
}

/** Lines that hold code: blank lines and lines holding only a comment are not counted. */
function countCodeLines(lines: readonly string[], firstLine: number, lastLine: number): number {
  let count = 0;
  let inBlockComment = false;
  for (let index = firstLine - 1; index < lastLine; index += 1) {
    const trimmed = (lines[index] ?? "").trim();
    if (inBlockComment) {
      if (trimmed.includes("*/")) {
        inBlockComment = false;
        if (trimmed.slice(trimmed.indexOf("*/") + 2).trim() !== "") count += 1;
      }
      continue;
    }
    if (trimmed === "" || trimmed.startsWith("//")) continue;
    if (trimmed.startsWith("/*")) {
      inBlockComment = !trimmed.includes("*/");
      if (!inBlockComment && trimmed.slice(trimmed.indexOf("*/") + 2).trim() !== "") count += 1;
      continue;
    }
    count += 1;
  }
  return count;
}
