import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isProductionCode } from "../../source/roles";
import { nodesOfKind } from "../../source/walk";

const CONSOLE_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace", "dir", "table"]);
const options = z.strictObject({
  /** Extra path patterns (regular expressions) that are not production code, e.g. a CLI folder. */
  allowIn: z.array(z.string()).default([]),
});

export const logs = defineAnalyzer({
  meta: {
    id: "logs",
    guideTags: ["LOGS"],
    section: "low-level-standards",
    description: "`console.*` calls in production code, where the guide asks for structured logging.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of production files without console calls, in percent; not applicable without production code.",
  },
  collect: (file) => consoleCalls(file),
  combine({ files, options: { allowIn } }) {
    const allowed = allowIn.map((pattern) => new RegExp(pattern));
    const production = files.filter((file) => isProductionCode(file.path) && !allowed.some((pattern) => pattern.test(file.path)));
    const findings = production.flatMap((file) => file.facts.map((call): FindingDraft => ({
      file: file.path,
      line: call.line,
      endLine: call.line,
      message: `console.${call.method} in production code: log through a structured logger (pino, winston) with a level and fields.`,
      identity: [call.method, call.text],
    })));
    const withConsole = (active: readonly FindingDraft[]) => new Set(active.map((finding) => finding.file)).size;
    return {
      findings,
      metrics: { productionFiles: production.length, consoleCalls: findings.length },
      score: (active) => complianceRatioScore(production.length - withConsole(active), production.length),
    };
  },
});

interface ConsoleCall {
  method: string;
  line: number;
  text: string;
}

function consoleCalls(file: ParsedFile): ConsoleCall[] {
  const ast = file.ast;
  if (!ast || !file.text.includes("console.")) return [];
  const calls: ConsoleCall[] = [];
  for (const node of nodesOfKind<ts.CallExpression>(ast, ts.SyntaxKind.CallExpression)) {
    if (!ts.isPropertyAccessExpression(node.expression)) continue;
    const { expression: target, name } = node.expression;
    if (ts.isIdentifier(target) && target.text === "console" && CONSOLE_METHODS.has(name.text)) {
      calls.push({ method: name.text, line: lineOf(ast, node), text: node.getText(ast).slice(0, 120) });
    }
  }
  return calls;
}
