import { ts } from "ts-morph";
import { z } from "zod";
import { endLineOf, forEachNamedFunction, type FunctionLike } from "../function-size";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKind } from "../../source/walk";
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
  let decisions: ReadonlyMap<ts.Node, number> | null = null;
  forEachNamedFunction(ast, (node, name) => {
    facts.functions += 1;
    decisions ??= decisionsByScope(ast);
    const value = cyclomaticComplexity(node, decisions);
    if (value > max) facts.over.push({ name, line: lineOf(ast, node), endLine: endLineOf(ast, node), complexity: value });
  });
  return facts;
}

/**
 * ESLint's `complexity` rule (v9, classic variant): 1, plus one per `if`, `?:`, `&&`, `||`, `??`, logical assignment,
 * loop, `catch`, `case` with a test, default value (parameter or destructuring) and optional-chaining link. Nested
 * functions, class field initializers and static blocks count on their own, not towards the enclosing function.
 */
function cyclomaticComplexity(fn: FunctionLike, decisions: ReadonlyMap<ts.Node, number>): number {
  return 1 + (decisions.get(fn) ?? 0);
}

/** The decision points of the file, counted per scope they belong to: the nearest enclosing function, field or static block. */
function decisionsByScope(ast: ts.SourceFile): Map<ts.Node, number> {
  const counts = new Map<ts.Node, number>();
  for (const kind of DECISION_KINDS) {
    for (const node of nodesOfKind(ast, kind)) {
      if (decisionsAt(node) === 0 || isOwnScope(node)) continue;
      const scope = scopeOf(node);
      if (scope) counts.set(scope, (counts.get(scope) ?? 0) + 1);
    }
  }
  return counts;
}

/** The nearest ancestor that counts on its own (see `isOwnScope`), or null at module level. */
function scopeOf(node: ts.Node): ts.Node | null {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (isOwnScope(current)) return current;
  }
  return null;
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

/** Every kind `decisionsAt` can count: the branching kinds, then logical operations, optional links and default values. */
const DECISION_KINDS: readonly ts.SyntaxKind[] = [
  ...BRANCHING_KINDS,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PropertyAccessExpression,
  ts.SyntaxKind.ElementAccessExpression,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.ShorthandPropertyAssignment,
];

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
