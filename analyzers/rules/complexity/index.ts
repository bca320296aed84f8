import { ts } from "ts-morph";
import { z } from "zod";
import { endLineOf, forEachNamedFunction, type FunctionLike } from "../function-size";
import { lineOf, type ParsedFile } from "../../source/parse";
import { complianceRatioScore } from "../../core/scoring";
import type { FindingDraft } from "../../core/finding";
import { defineAnalyzer } from "../../core/analyzer";

const options = z.strictObject({
  /** The guide names no number; 10 is McCabe's own limit (ESLint's default of 20 is a ceiling, not a target). */
  max: z.number().int().positive().default(10),
});

interface ComplexFunction {
  name: string;
  line: number;
  endLine: number;
  complexity: number;
}

interface ComplexityFacts {
  /** Every function with a body in the file. */
  functions: number;
  /** Only the functions over the limit: the rest are counted, not kept. */
  over: ComplexFunction[];
}

export const complexity = defineAnalyzer({
  meta: {
    id: "complexity",
    guideTags: ["KISS"],
    section: "core-principles",
    description: "Functions whose cyclomatic complexity (counted as ESLint's `complexity` rule counts it) exceeds the limit.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of functions whose cyclomatic complexity is within the limit, in percent; not applicable when the repository has no functions.",
  },
  collect: (file, { max }) => complexFunctions(file, max),
  combine({ files, options: { max } }) {
    const total = files.reduce((sum, file) => sum + file.facts.functions, 0);
    const findings = files.flatMap(({ path, facts }) => facts.over.map((fn): FindingDraft => ({
      file: path,
      line: fn.line,
      endLine: fn.endLine,
      message: `${fn.name} has a cyclomatic complexity of ${fn.complexity}, over the limit of ${max}: extract branches into well-named functions or replace condition chains with a lookup table.`,
      identity: [fn.name],
    })));
    return {
      findings,
      metrics: { functions: total, complexFunctions: findings.length },
      score: (active) => complianceRatioScore(total - active.length, total),
    };
  },
});

/** Counts every function with a body and keeps those whose complexity is over `max`. */
function complexFunctions(file: ParsedFile, max: number): ComplexityFacts {
  const { ast } = file;
  const facts: ComplexityFacts = { functions: 0, over: [] };
  if (!ast) return facts;
  forEachNamedFunction(ast, (node, name) => {
    facts.functions += 1;
    const value = cyclomaticComplexity(node);
    if (value > max) facts.over.push({ name, line: lineOf(ast, node), endLine: endLineOf(ast, node), complexity: value });
  });
  return facts;
}

/**
 * ESLint's `complexity` rule (v9, classic variant): 1, plus one per `if`, `?:`, `&&`, `||`, `??`, logical assignment,
 * loop, `catch`, `case` with a test, default value (parameter or destructuring) and optional-chaining link. Nested
 * functions, class field initializers and static blocks count on their own, not towards the enclosing function.
 */
function cyclomaticComplexity(fn: FunctionLike): number {
  let count = 1;
  const visit = (node: ts.Node): void => {
    if (isOwnScope(node)) return;
    count += decisionsAt(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return count;
}

function isOwnScope(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node) || ts.isPropertyDeclaration(node);
}

const BRANCHING_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.CaseClause,
]);

const LOGICAL_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

function decisionsAt(node: ts.Node): number {
  return BRANCHING_KINDS.has(node.kind) || isLogicalOperation(node) || isOptionalLink(node) || hasDefaultValue(node) ? 1 : 0;
}

/** `a && b`, `a || b`, `a ?? b` and their assignments `&&=`, `||=`, `??=`. */
function isLogicalOperation(node: ts.Node): boolean {
  return ts.isBinaryExpression(node) && LOGICAL_OPERATORS.has(node.operatorToken.kind);
}

/** Each `?.` of an optional chain: `a?.b`, `a?.[k]`, `f?.()`. */
function isOptionalLink(node: ts.Node): boolean {
  return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) && node.questionDotToken !== undefined;
}

/** A default value of a parameter or in a destructuring pattern: `(a = 1)`, `const { b = 2 } = x`, `({ c = 3 } = y)`. */
function hasDefaultValue(node: ts.Node): boolean {
  if (ts.isParameter(node) || ts.isBindingElement(node)) return node.initializer !== undefined;
  return ts.isShorthandPropertyAssignment(node) && node.objectAssignmentInitializer !== undefined;
}
