import { ts } from "ts-morph";

/** A risky construct at a node, with the message shown for it. */
export interface Hit {
  node: ts.Node;
  kind: string;
  message: string;
}

const SQL_METHODS = new Set(["query", "execute", "raw", "queryRaw", "executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "queryRawUnsafe", "executeRawUnsafe", "whereRaw", "orderByRaw"]);
const SQL_TEXT = /\b(?:select|insert\s+into|update|delete\s+from|with|create|drop|alter|where|order\s+by)\b/i;
const SHELL_FUNCTIONS = new Set(["exec", "execSync"]);
const SPAWN_FUNCTIONS = new Set(["spawn", "spawnSync", "execFile", "execFileSync"]);
const HTML_PROPERTIES = new Set(["innerHTML", "outerHTML"]);
const WEAK_HASHES = new Set(["md5", "sha1"]);

function calleeName(call: ts.CallExpression | ts.NewExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** Text built at run time from pieces: a template with substitutions, or `+` joining strings and values. */
function isBuiltString(node: ts.Node | undefined): node is ts.TemplateExpression | ts.BinaryExpression {
  if (!node) return false;
  if (ts.isTemplateExpression(node)) return true;
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && !(isLiteral(node.left) && isLiteral(node.right));
}

function isLiteral(node: ts.Node): boolean {
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || (ts.isBinaryExpression(node) && isLiteral(node.left) && isLiteral(node.right));
}

function literalText(node: ts.Node): string {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
  if (ts.isBinaryExpression(node)) return `${literalText(node.left)} ${literalText(node.right)}`;
  return "";
}

export function sqlInjection(node: ts.Node): Hit | null {
  if (!ts.isCallExpression(node) || !SQL_METHODS.has(calleeName(node) ?? "")) return null;
  const [sql] = node.arguments;
  if (!isBuiltString(sql) || !SQL_TEXT.test(literalText(sql))) return null;
  return { node, kind: "sql", message: "SQL built from strings and values: pass the values as parameters (placeholders or a tagged `sql` template) so they are never read as SQL." };
}

export function commandInjection(node: ts.Node): Hit | null {
  if (!ts.isCallExpression(node)) return null;
  const name = calleeName(node) ?? "";
  if (SHELL_FUNCTIONS.has(name) && isBuiltString(node.arguments[0])) {
    return { node, kind: "shell", message: `A shell command built from strings runs through \`${name}\`: use execFile/spawn with an argument array, without a shell.` };
  }
  if (SPAWN_FUNCTIONS.has(name) && hasShellTrue(node)) {
    return { node, kind: "shell", message: `\`${name}\` with \`shell: true\` lets arguments be read as shell syntax: drop the shell and pass an argument array.` };
  }
  return null;
}

/** An options object argument with `shell: true`. */
function hasShellTrue(call: ts.CallExpression): boolean {
  const options = call.arguments.find(ts.isObjectLiteralExpression);
  return options?.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === "shell" && p.initializer.kind === ts.SyntaxKind.TrueKeyword) ?? false;
}

export function codeEvaluation(node: ts.Node): Hit | null {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "eval") {
    return { node, kind: "eval", message: "`eval` runs text as code: parse the data (JSON.parse) or look the operation up in a table instead." };
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Function") {
    return { node, kind: "eval", message: "`new Function` compiles text into code: use a function written in the source instead." };
  }
  const timer = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === "setTimeout" || node.expression.text === "setInterval");
  const first = ts.isCallExpression(node) ? node.arguments[0] : undefined;
  if (timer && first && (ts.isStringLiteralLike(first) || isBuiltString(first))) {
    return { node, kind: "eval", message: "A timer given a string evaluates it as code: pass a function." };
  }
  return null;
}

export function htmlSink(node: ts.Node): Hit | null {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && HTML_PROPERTIES.has(node.left.name.text) && !ts.isStringLiteralLike(node.right)) {
    return { node, kind: "html", message: `Assigning a computed value to \`${node.left.name.text}\` parses it as HTML: set \`textContent\`, or sanitize with a vetted library.` };
  }
  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    if (name === "insertAdjacentHTML" && node.arguments[1] && !ts.isStringLiteralLike(node.arguments[1])) {
      return { node, kind: "html", message: "`insertAdjacentHTML` with a computed value parses it as HTML: build elements, or sanitize first." };
    }
    // The receiver's text is read only for a `write` call: reading it for every method call is costly.
    const isWrite = name === "write" || name === "writeln";
    if (isWrite && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === "document") {
      return { node, kind: "html", message: "`document.write` injects HTML into the page: build elements with the DOM API." };
    }
  }
  if (ts.isJsxAttribute(node) && node.name.getText() === "dangerouslySetInnerHTML") {
    return { node, kind: "html", message: "`dangerouslySetInnerHTML` renders raw HTML: render text, or sanitize with a vetted library first." };
  }
  return null;
}

export function tlsDisabled(node: ts.Node): Hit | null {
  if (ts.isPropertyAssignment(node) && node.initializer.kind === ts.SyntaxKind.FalseKeyword && node.name.getText() === "rejectUnauthorized") {
    return { node, kind: "tls", message: "`rejectUnauthorized: false` accepts any certificate: trust the server's CA (the `ca` option) instead." };
  }
  const envAssignment = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && /NODE_TLS_REJECT_UNAUTHORIZED/.test(node.left.getText());
  if (envAssignment && /^["'`]?0["'`]?$/.test(node.right.getText())) {
    return { node, kind: "tls", message: "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process." };
  }
  return null;
}

export function weakPasswordHash(node: ts.Node): Hit | null {
  if (!ts.isCallExpression(node) || calleeName(node) !== "createHash") return null;
  const [algorithm] = node.arguments;
  if (!algorithm || !ts.isStringLiteralLike(algorithm) || !WEAK_HASHES.has(algorithm.text.toLowerCase())) return null;
  let statement: ts.Node = node;
  while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent)) statement = statement.parent;
  if (!/pass(?:word)?|pwd/i.test(statement.getText())) return null;
  return { node, kind: "hash", message: `${algorithm.text.toUpperCase()} is fast to brute-force: hash passwords with argon2, scrypt or bcrypt.` };
}

export const DETECTORS = [sqlInjection, commandInjection, codeEvaluation, htmlSink, tlsDisabled, weakPasswordHash];
