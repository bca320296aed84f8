import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { roundScore } from "../../core/scoring";
import type { ParsedFile } from "../../source/parse";
import { isTestFile } from "../../source/roles";
import { nodesOfKinds } from "../../source/walk";
import { findFormattedSecrets, judgeAssignedValue, type SecretMatch } from "./detectors";

const options = z.strictObject({
  /** Report secrets in test files too: a real credential in a test is still leaked. */
  includeTests: z.boolean().default(true),
});


export const secrets = defineAnalyzer({
  meta: {
    id: "secrets",
    guideTags: ["SECRETS"],
    section: "security",
    description: "Credentials in source code: known key and token formats, private keys, passwords in connection strings, random-looking strings assigned to password/secret/token names.",
    defaultSeverity: "error",
    weight: 2,
    scope: "file",
    options,
    scoring: "100 / (1 + secrets found): one secret halves the score, whatever the size of the repository; 100 when none.",
  },
  collect: (file) => findSecrets(file),
  combine({ files, options: { includeTests } }) {
    const findings = files.filter((file) => includeTests || !isTestFile(file.path)).flatMap((file) => file.facts);
    return {
      findings,
      metrics: { secrets: findings.length },
      score: (active) => (files.length === 0 ? null : roundScore(100 / (1 + active.length))),
    };
  },
});

function findSecrets(file: ParsedFile): FindingDraft[] {
  const matches = [...findFormattedSecrets(file.text), ...findAssignedSecrets(file)];
  const seen = new Set<number>();
  return matches
    .filter((secret) => !seen.has(secret.offset) && seen.add(secret.offset))
    .sort((a, b) => a.offset - b.offset)
    .map((secret) => toFinding(file, secret));
}

function toFinding(file: ParsedFile, secret: SecretMatch): FindingDraft {
  const line = lineOf(file.text, secret.offset);
  return {
    file: file.path,
    line,
    endLine: line,
    message: `${capitalize(secret.kind)} in source code (${secret.redacted}, sha256 ${secret.hash}…). Revoke it, then read it from the environment or a secret manager.`,
    identity: [secret.kind, secret.hash],
    snippet: secret.redacted,
  };
}

/** Nodes that give a name a value: declarations with an initializer, and `=` assignments. */
const ASSIGNING_KINDS = [
  ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.Parameter,
  ts.SyntaxKind.BinaryExpression,
];

/** String literals assigned to credential-named variables, properties and parameters' defaults. */
function findAssignedSecrets(file: ParsedFile): SecretMatch[] {
  const ast = file.ast;
  if (!ast || !/pass|pwd|secret|token|key|credential/i.test(file.text)) return [];
  const found: SecretMatch[] = [];
  for (const node of nodesOfKinds(ast, ASSIGNING_KINDS)) {
    const assigned = assignedString(node);
    const secret = assigned ? judgeAssignedValue(assigned.name, assigned.value.text, assigned.value.getStart(ast) + 1) : null;
    if (secret) found.push(secret);
  }
  return found;
}

function assignedString(node: ts.Node): { name: string; value: ts.StringLiteralLike } | null {
  let name: ts.Node | undefined;
  let value: ts.Node | undefined;
  if (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) {
    name = node.name;
    value = node.initializer;
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    name = ts.isPropertyAccessExpression(node.left) ? node.left.name : node.left;
    value = node.right;
  }
  if (!name || !value || !ts.isStringLiteralLike(value)) return null;
  const text = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : null;
  return text ? { name: text, value } : null;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line += 1;
  return line;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
