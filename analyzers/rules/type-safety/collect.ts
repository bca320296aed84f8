import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKinds } from "../../source/walk";

export type ViolationKind = "any" | "ts-ignore" | "ts-nocheck" | "ts-expect-error" | "non-null" | "return-type";

/** One place where the type contract is switched off or left open; `subject` names it without the line number. */
export interface Violation {
  kind: ViolationKind;
  line: number;
  subject: string;
}

export interface TypeFacts {
  /** TypeScript source (.ts/.tsx/.mts/.cts, not a declaration file): the only files this rule judges. */
  isTypeScript: boolean;
  violations: Violation[];
}

const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const MAX_SUBJECT = 60;

/** Explicit `any`, non-null assertions, exported functions without a return type and `@ts-` directives of one file. */
export function collectTypeFacts(file: ParsedFile): TypeFacts {
  if (!file.ast || !TYPESCRIPT_FILE.test(file.path) || DECLARATION_FILE.test(file.path)) return { isTypeScript: false, violations: [] };
  const ast = file.ast;
  const violations = file.text.includes("@ts-") ? directivesIn(ast) : [];
  const isJsxFile = file.path.endsWith(".tsx");
  for (const node of nodesOfKinds(ast, CANDIDATE_KINDS)) {
    // `declare` describes code written elsewhere (a copied .d.ts, a global): its types are that code's business.
    if (isUnderDeclare(node)) continue;
    const found = violationAt(node, ast, isJsxFile);
    if (found) violations.push(found);
  }
  return { isTypeScript: true, violations: violations.sort((a, b) => a.line - b.line) };
}

/** The only node kinds `violationAt` reports on. */
const CANDIDATE_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.AnyKeyword,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExportAssignment,
];

/** Whether the node or one of its ancestors carries `declare`. */
function isUnderDeclare(node: ts.Node): boolean {
  for (let current: ts.Node = node; !ts.isSourceFile(current); current = current.parent) {
    if (isMarked(current, ts.ModifierFlags.Ambient)) return true;
  }
  return false;
}

function violationAt(node: ts.Node, ast: ts.SourceFile, isJsxFile: boolean): Violation | null {
  if (node.kind === ts.SyntaxKind.AnyKeyword) return { kind: "any", line: lineOf(ast, node), subject: whereAny(node, ast) };
  if (ts.isNonNullExpression(node)) return { kind: "non-null", line: lineOf(ast, node), subject: clip(node.expression.getText(ast)) };
  const name = exportedWithoutReturnType(node, isJsxFile);
  return name === null ? null : { kind: "return-type", line: lineOf(ast, node), subject: name };
}

function clip(text: string): string {
  const flat = text.replace(/\s*\n\s*(?=[.?])/g, "").replace(/\s+/g, " ");
  return flat.length > MAX_SUBJECT ? `${flat.slice(0, MAX_SUBJECT)}…` : flat;
}

/** How to name the declaration or expression an `any` belongs to, given that owner's name. */
const ANY_OWNERS: ReadonlyArray<readonly [(owner: ts.Node) => boolean, (name: string) => string]> = [
  [ts.isParameter, (name) => `parameter ${name}`],
  [ts.isVariableDeclaration, (name) => `variable ${name}`],
  [(owner) => ts.isPropertyDeclaration(owner) || ts.isPropertySignature(owner), (name) => `property ${name}`],
  [ts.isTypeAliasDeclaration, (name) => `type ${name}`],
  [ts.isFunctionLike, (name) => (name ? `the return type of ${name}` : "a return type")],
  [(owner) => ts.isTypeReferenceNode(owner) || ts.isExpressionWithTypeArguments(owner) || ts.isCallExpression(owner) || ts.isNewExpression(owner), () => "a type argument"],
];

/** Where an `any` sits, in words: `the cast of x`, `parameter data`, `the return type of load`, `a type argument`. */
function whereAny(node: ts.Node, ast: ts.SourceFile): string {
  let owner = node.parent;
  while (ts.isArrayTypeNode(owner) || ts.isUnionTypeNode(owner) || ts.isParenthesizedTypeNode(owner)) owner = owner.parent;
  if (ts.isAsExpression(owner) || ts.isTypeAssertionExpression(owner)) return `the cast of ${clip(owner.expression.getText(ast))}`;
  const declared = ts.getNameOfDeclaration(owner as ts.Declaration);
  const name = declared ? clip(declared.getText(ast)) : "";
  const describe = ANY_OWNERS.find(([test]) => test(owner))?.[1];
  return describe ? describe(name) : "a type";
}

/** Whether the node carries the modifier (`export`, `declare`). */
function isMarked(node: ts.Node, flag: ts.ModifierFlags): boolean {
  return ts.canHaveModifiers(node) && (ts.getCombinedModifierFlags(node as ts.Declaration) & flag) !== 0;
}

/** React components (PascalCase functions in .tsx files) return JSX; their return type is not part of the rule. */
function isComponent(name: string, isJsxFile: boolean): boolean {
  return isJsxFile && /^[A-Z]/.test(name);
}

/**
 * The name of an exported function declared without a return type — `export function f()`, `export default function`,
 * `export const f = () => …` (unless the constant itself is typed), `export default () => …` — or null.
 */
function exportedWithoutReturnType(node: ts.Node, isJsxFile: boolean): string | null {
  if (ts.isFunctionDeclaration(node)) return untypedFunctionDeclaration(node, isJsxFile);
  if (ts.isVariableStatement(node) && isMarked(node, ts.ModifierFlags.Export)) {
    const untyped = node.declarationList.declarations.find((declaration) => isUntypedFunctionConstant(declaration, isJsxFile));
    return untyped ? untyped.name.getText() : null;
  }
  return ts.isExportAssignment(node) && !isJsxFile && isUntypedFunction(node.expression) ? "default" : null;
}

function untypedFunctionDeclaration(node: ts.FunctionDeclaration, isJsxFile: boolean): string | null {
  if (!node.body || node.type || !isMarked(node, ts.ModifierFlags.Export) || isOverloadImplementation(node)) return null;
  const name = node.name?.text ?? "default";
  return isComponent(name, isJsxFile) || (name === "default" && isJsxFile) ? null : name;
}

function isUntypedFunctionConstant(declaration: ts.VariableDeclaration, isJsxFile: boolean): boolean {
  if (declaration.type || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
  return isUntypedFunction(declaration.initializer) && !isComponent(declaration.name.text, isJsxFile);
}

function isUntypedFunction(expression: ts.Expression): boolean {
  const inner = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  return (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) && inner.type === undefined;
}

/** With overloads, the signatures before the implementation are the contract callers see. */
function isOverloadImplementation(node: ts.FunctionDeclaration): boolean {
  const siblings: readonly ts.Statement[] = ts.isSourceFile(node.parent) || ts.isModuleBlock(node.parent) ? node.parent.statements : [];
  const previous = siblings[siblings.indexOf(node) - 1];
  return previous !== undefined && ts.isFunctionDeclaration(previous) && !previous.body && previous.name?.text === node.name?.text;
}

const DIRECTIVE = /(?:\/\/\/?|\/\*[*\s]*)\s*@ts-(ignore|nocheck|expect-error)\b([^\n]*)/g;
/** Shortest text after `@ts-expect-error` that counts as the description of why the error is expected. */
const MIN_DESCRIPTION = 3;

/** `@ts-ignore`, `@ts-nocheck` and `@ts-expect-error` without a description, in comments (not in strings). */
function directivesIn(ast: ts.SourceFile): Violation[] {
  const found: Violation[] = [];
  for (const match of ast.text.matchAll(DIRECTIVE)) {
    const [, directive = "", rest = ""] = match;
    const description = rest.replace(/\*\/.*$/, "").replace(/^[\s:\-–—]+/, "").trim();
    if (directive === "expect-error" && description.length >= MIN_DESCRIPTION) continue;
    if (!isInComment(ast, match.index)) continue;
    const line = ast.getLineAndCharacterOfPosition(match.index).line + 1;
    found.push({ kind: `ts-${directive}` as ViolationKind, line, subject: clip(`@ts-${directive}${rest}`) });
  }
  return found;
}

const LITERAL_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** Comments are trivia: the position lies before the start of the deepest node around it, or not inside a literal. */
function isInComment(ast: ts.SourceFile, position: number): boolean {
  let node: ts.Node = ast;
  for (;;) {
    const child = ts.forEachChild(node, (candidate) => (candidate.pos <= position && position < candidate.end ? candidate : undefined));
    if (!child) break;
    node = child;
  }
  return position < node.getStart(ast) || !LITERAL_KINDS.has(node.kind);
}
