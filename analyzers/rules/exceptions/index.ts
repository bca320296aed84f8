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
}

export const exceptions = defineAnalyzer({
  meta: {
    id: "exceptions",
    guideTags: ["EXCEPT"],
    section: "low-level-standards",
    description: "Throwing strings or plain objects instead of Error classes, and catch blocks that swallow errors silently.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of throw statements and catch blocks that are fine, in percent; not applicable without any.",
  },
  collect: (file) => errorSites(file),
  combine({ files }) {
    const sites = files.flatMap((file) => file.facts.map((site) => ({ ...site, file: file.path })));
    const findings = sites.flatMap((site): FindingDraft[] =>
      site.problem ? [{ file: site.file, line: site.line, endLine: site.line, message: site.problem, identity: [site.kind, site.text] }] : [],
    );
    return {
      findings,
      metrics: { throws: sites.filter((site) => site.kind === "throw").length, catches: sites.filter((site) => site.kind === "catch").length },
      score: (active) => complianceRatioScore(sites.length - active.length, sites.length),
    };
  },
});

function errorSites(file: ParsedFile): ErrorSite[] {
  const ast = file.ast;
  if (!ast || !/\b(?:throw|catch)\b/.test(file.text)) return [];
  const sites: ErrorSite[] = [];
  for (const node of nodesOfKinds(ast, [ts.SyntaxKind.ThrowStatement, ts.SyntaxKind.CatchClause])) {
    if (ts.isThrowStatement(node)) sites.push({ kind: "throw", line: lineOf(ast, node), problem: throwProblem(node.expression), text: node.getText(ast).slice(0, 120) });
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

/** An empty catch loses the error; a comment saying why it may be ignored is accepted as the reason. */
function catchProblem(clause: ts.CatchClause, ast: ts.SourceFile): string | null {
  if (clause.block.statements.length > 0) return null;
  const inside = ast.text.slice(clause.block.getStart(ast) + 1, clause.block.getEnd() - 1);
  if (/\/\/|\/\*/.test(inside)) return null;
  return "An empty catch block swallows the error: handle it, rethrow it wrapped in a custom error, or log it; if ignoring is right, say why in a comment.";
}
