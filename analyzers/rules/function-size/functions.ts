import { ts } from "ts-morph";
import { nodesOfKinds } from "../../source/walk";

/** The nodes that are functions with a body of their own: what function-size measures and complexity counts. */
export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/**
 * Calls `visit` for every function with a body, in source order, with a name a reader can find (`Orders.place`,
 * `<callback of items.map>`) made unique within the file by an ordinal (`render#2`). Test-suite containers are skipped;
 * the functions inside them are not.
 */
export function forEachNamedFunction(ast: ts.SourceFile, visit: (node: FunctionLike, name: string) => void): void {
  const seen = new Map<string, number>();
  for (const node of nodesOfKinds(ast, FUNCTION_KINDS)) {
    if (!isFunctionWithBody(node) || isSuiteBody(node)) continue;
    const baseName = functionName(node, ast);
    const ordinal = seen.get(baseName) ?? 0;
    seen.set(baseName, ordinal + 1);
    visit(node, ordinal === 0 ? baseName : `${baseName}#${ordinal + 1}`);
  }
}

/** The syntax kinds of `FunctionLike`, looked up in the file's shared node index. */
const FUNCTION_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
];

/** The identifier a function was declared with (`place` for `Orders.place#2`), or null for callbacks and anonymous functions. */
export function declaredName(name: string): string | null {
  if (name.startsWith("<")) return null;
  const bare = name.replace(/#\d+$/, "");
  return bare.slice(bare.lastIndexOf(".") + 1).replace(/^["']|["']$/g, "");
}

/** 1-based last line of a node. */
export function endLineOf(ast: ts.SourceFile, node: ts.Node): number {
  return ast.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
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
  const declared = node.name && !ts.isArrowFunction(node) ? node.name.getText(ast) : holderName(node, ast);
  return declared === null ? (callbackName(node, ast) ?? "<anonymous function>") : `${owner}${declared}`;
}

/** `const render = () => …`, `{ render: () => … }`, `class A { render = () => … }`: the name of what holds the function. */
function holderName(node: FunctionLike, ast: ts.SourceFile): string | null {
  const parent = node.parent;
  const isHolder = ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent);
  return isHolder ? parent.name.getText(ast) : null;
}
