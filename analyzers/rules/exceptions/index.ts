import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKinds } from "../../source/walk";

const options = z.strictObject({});

interface ErrorSite {
  kind: "throw" | "catch";
  line: number;
  /** Why the site breaks the rule, or null when it is fine. */
  problem: string | null;
  text: string;
  /** For `throw new X(…)`: X, so the project step can tell custom error classes from built-in ones. */
  thrownClass?: string;
}

interface ExceptionFacts {
  sites: ErrorSite[];
  /** Classes this file declares that extend an error class (`… extends Error`, `… extends SomethingError`). */
  errorClasses: string[];
}

const BUILT_IN_ERRORS = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"]);
const ERROR_BASE = /(?:Error|Exception)$/;

export const exceptions = defineAnalyzer({
  meta: {
    id: "exceptions",
    guideTags: ["EXCEPT"],
    section: "low-level-standards",
    description: "Throwing strings or plain objects instead of Error classes, and catch blocks that swallow or ignore errors; measures the share of throws that use the project's own error classes.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of throw statements and catch blocks that are fine, in percent; not applicable without any.",
  },
  collect: (file): ExceptionFacts => ({ sites: errorSites(file), errorClasses: errorClassesOf(file) }),
  combine({ files }) {
    const sites = files.flatMap((file) => file.facts.sites.map((site) => ({ ...site, file: file.path })));
    const findings = sites.flatMap((site): FindingDraft[] =>
      site.problem ? [{ file: site.file, line: site.line, endLine: site.line, message: site.problem, identity: [site.kind, site.text] }] : [],
    );
    return {
      findings,
      metrics: { throws: sites.filter((site) => site.kind === "throw").length, catches: sites.filter((site) => site.kind === "catch").length, ...customErrorMetrics(files.map((file) => file.facts), sites) },
      score: (active) => complianceRatioScore(sites.length - active.length, sites.length),
    };
  },
});

/**
 * The guide's custom error hierarchy, measured: how many error classes the project declares, and which share of the
 * `throw new X(…)` statements throw one of them rather than a built-in Error (reported, not scored).
 */
function customErrorMetrics(facts: readonly ExceptionFacts[], sites: readonly ErrorSite[]): Record<string, number> {
  const custom = new Set(facts.flatMap((file) => file.errorClasses));
  const constructed = sites.filter((site) => site.thrownClass !== undefined);
  const ofCustom = constructed.filter((site) => custom.has(site.thrownClass ?? ""));
  const percent = constructed.length === 0 ? 100 : Math.round((1000 * ofCustom.length) / constructed.length) / 10;
  return { customErrorClasses: custom.size, throwsOfNewErrors: constructed.length, customErrorThrowPercent: percent };
}

function errorClassesOf(file: ParsedFile): string[] {
  const ast = file.ast;
  if (!ast || !/\bextends\s+\w*(?:Error|Exception)\b/.test(file.text)) return [];
  return nodesOfKinds<ts.ClassDeclaration>(ast, [ts.SyntaxKind.ClassDeclaration])
    .filter((node) => node.name !== undefined && extendsError(node))
    .map((node) => node.name?.text ?? "");
}

function extendsError(node: ts.ClassDeclaration): boolean {
  const base = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base !== undefined && ts.isIdentifier(base) && (BUILT_IN_ERRORS.has(base.text) || ERROR_BASE.test(base.text));
}

function thrownClassOf(expression: ts.Expression): string | undefined {
  return ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) ? expression.expression.text : undefined;
}

function errorSites(file: ParsedFile): ErrorSite[] {
  const ast = file.ast;
  if (!ast || !/\b(?:throw|catch)\b/.test(file.text)) return [];
  const sites: ErrorSite[] = [];
  for (const node of nodesOfKinds(ast, [ts.SyntaxKind.ThrowStatement, ts.SyntaxKind.CatchClause])) {
    if (ts.isThrowStatement(node)) {
      const thrownClass = thrownClassOf(node.expression);
      sites.push({ kind: "throw", line: lineOf(ast, node), problem: throwProblem(node.expression), text: node.getText(ast).slice(0, 120), ...(thrownClass ? { thrownClass } : {}) });
    }
    if (ts.isCatchClause(node)) sites.push({ kind: "catch", line: lineOf(ast, node), problem: catchProblem(node, ast), text: node.getText(ast).slice(0, 120) });
  }
  return sites;
}

/** A thrown literal has no stack trace and no type a caller can catch by: throw an instance of an Error class. */
function throwProblem(expression: ts.Expression): string | null {
  const thrown = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  if (ts.isStringLiteralLike(thrown) || ts.isTemplateExpression(thrown) || ts.isNumericLiteral(thrown)) {
    return "A string is thrown: throw an instance of an Error class (a custom one says what failed) so callers get a stack and a type.";
  }
  if (ts.isObjectLiteralExpression(thrown)) {
    return "A plain object is thrown: throw an instance of an Error class so callers get a stack and can catch it by type.";
  }
  return null;
}

/**
 * An empty catch loses the error, and so does one that only jumps on (`continue`, `break`, a bare `return`) without
 * looking at it; a comment saying why it may be ignored is accepted as the reason.
 */
function catchProblem(clause: ts.CatchClause, ast: ts.SourceFile): string | null {
  const inside = ast.text.slice(clause.block.getStart(ast) + 1, clause.block.getEnd() - 1);
  if (/\/\/|\/\*/.test(inside)) return null;
  const { statements } = clause.block;
  if (statements.length === 0) {
    return "An empty catch block swallows the error: handle it, rethrow it wrapped in a custom error, or log it; if ignoring is right, say why in a comment.";
  }
  if (!statements.every(isJumpWithoutValue)) return null;
  return `A catch block that only says \`${statements[0]?.getText(ast) ?? ""}\` ignores the error: handle or log it, or say in a comment why it may be ignored.`;
}

function isJumpWithoutValue(statement: ts.Statement): boolean {
  return ts.isContinueStatement(statement) || ts.isBreakStatement(statement) || (ts.isReturnStatement(statement) && statement.expression === undefined);
}
