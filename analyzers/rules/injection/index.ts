import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { roundScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKinds } from "../../source/walk";
import { DETECTORS, type Hit } from "./detectors";

const options = z.strictObject({
  /** Findings per 1,000 lines at which the score reaches 0. */
  zeroScoreDensity: z.number().positive().default(5),
});

export const injection = defineAnalyzer({
  meta: {
    id: "injection",
    guideTags: ["OWASP", "VALID"],
    section: "security",
    description: "Injection and unsafe defaults: SQL and shell commands built from strings, eval, HTML sinks, TLS checks turned off, MD5/SHA-1 for passwords.",
    defaultSeverity: "error",
    weight: 2,
    scope: "file",
    options,
    scoring: "100 × (1 − findings per 1,000 lines ÷ 5), at least 0; repositories under 1,000 lines count as 1,000.",
  },
  collect: (file) => findInjections(file),
  combine({ files, options: { zeroScoreDensity } }) {
    const findings = files.flatMap((file) => file.facts);
    const kloc = Math.max(1, files.reduce((sum, file) => sum + file.lineCount, 0) / 1000);
    return {
      findings,
      metrics: { findings: findings.length },
      score: (active) => (files.length === 0 ? null : roundScore(100 * Math.max(0, 1 - active.length / kloc / zeroScoreDensity))),
    };
  },
});

/** The only node kinds a detector reports on, taken from the shared node index instead of walking the tree. */
const CANDIDATE_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.JsxAttribute,
];

function findInjections(file: ParsedFile): FindingDraft[] {
  const ast = file.ast;
  if (!ast) return [];
  const hits: Hit[] = [];
  for (const node of nodesOfKinds(ast, CANDIDATE_KINDS)) {
    for (const detect of DETECTORS) {
      const hit = detect(node);
      if (hit) hits.push(hit);
    }
  }
  return hits.map((hit) => toFinding(file, ast, hit));
}

function toFinding(file: ParsedFile, ast: ts.SourceFile, hit: Hit): FindingDraft {
  const line = lineOf(ast, hit.node);
  const endLine = ast.getLineAndCharacterOfPosition(hit.node.getEnd()).line + 1;
  const code = hit.node.getText(ast).replace(/\s+/g, " ");
  return {
    file: file.path,
    line,
    endLine,
    message: hit.message,
    // The construct's own text identifies it across unrelated edits; the kind keeps two on one line apart.
    identity: [hit.kind, code],
    snippet: code.length > 160 ? `${code.slice(0, 160)}…` : code,
  };
}
