import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "../../source/parse";
import { allNodes } from "../../source/walk";
import { hasBooleanPrefix, isInCase, toCase, withBooleanPrefix, type NameCase } from "./names";

export type DeclarationKind = "class" | "interface" | "type alias" | "enum" | "function" | "method" | "parameter" | "variable" | "constant" | "property";
export type NameRule = "case" | "boolean" | "constant";

/** One declaration whose name breaks `[NAME]`, with the name the message suggests instead. */
export interface NameProblem {
  line: number;
  kind: DeclarationKind;
  name: string;
  rule: NameRule;
  expected: NameCase;
  suggestion: string;
}

export interface NamingFacts {
  /** Declarations whose names were judged, compliant or not. */
  checked: number;
  problems: NameProblem[];
}

export interface NamingSettings {
  booleanPrefixes: readonly string[];
  moduleConstants: "all" | "exported" | "off";
  booleanProperties: boolean;
}

interface Walk {
  ast: ts.SourceFile;
  settings: NamingSettings;
  /** React components are PascalCase functions and variables; in .tsx/.jsx files that is allowed everywhere. */
  isJsxFile: boolean;
  facts: NamingFacts;
}

/** A name to judge: which cases fit it, whether it holds a boolean, and which rule a wrong case breaks. */
interface Judged {
  node: ts.Node;
  name: string;
  kind: DeclarationKind;
  allowed: readonly NameCase[];
  isBoolean: boolean;
  caseRule?: NameRule;
}

const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const ANY_CASE: readonly NameCase[] = ["camelCase", "PascalCase", "UPPER_SNAKE_CASE"];

/** Every judged declaration of one file; declaration files and unparsed files have none. */
export function collectNames(file: ParsedFile, settings: NamingSettings): NamingFacts {
  const facts: NamingFacts = { checked: 0, problems: [] };
  if (!file.ast || DECLARATION_FILE.test(file.path)) return facts;
  const walk: Walk = { ast: file.ast, settings, isJsxFile: /\.[jt]sx$/.test(file.path), facts };
  const skipped = new Map<ts.Node, boolean>();
  for (const node of allNodes(file.ast)) {
    if (JUDGES.has(node.kind) && !isSkipped(walk, node, skipped)) judgeNode(walk, node);
  }
  return facts;
}

/** Whether the node is in a part of the tree left unjudged (memoized per file, shared by the ancestors' answers). */
function isSkipped(walk: Walk, node: ts.Node, memo: Map<ts.Node, boolean>): boolean {
  const known = memo.get(node);
  if (known !== undefined) return known;
  const answer = skipsSubtree(walk, node) || (node.parent !== undefined && isSkipped(walk, node.parent, memo));
  memo.set(node, answer);
  return answer;
}

/** Ambient declarations, imports and (unless `booleanProperties`) types: nothing below them is judged. */
function skipsSubtree(walk: Walk, node: ts.Node): boolean {
  if (isAmbient(node) || ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return true;
  // Types declare nothing judged here but interface members, and those only with `booleanProperties`.
  return ts.isTypeNode(node) && !walk.settings.booleanProperties;
}

type Judge = (walk: Walk, node: ts.Node) => void;

const judgeTypeNode: Judge = (walk, node) => judgeType(walk, node as TypeDeclaration);
const judgeMethodNode: Judge = (walk, node) => judgeMethod(walk, node as ts.MethodDeclaration | ts.AccessorDeclaration);
const judgePropertyNode: Judge = (walk, node) => judgeProperty(walk, node as ts.PropertyDeclaration | ts.PropertySignature);

/** Which judge looks at which kind of declaration; other nodes are only walked through. */
const JUDGES: ReadonlyMap<ts.SyntaxKind, Judge> = new Map([
  [ts.SyntaxKind.ClassDeclaration, judgeTypeNode],
  [ts.SyntaxKind.ClassExpression, judgeTypeNode],
  [ts.SyntaxKind.InterfaceDeclaration, judgeTypeNode],
  [ts.SyntaxKind.TypeAliasDeclaration, judgeTypeNode],
  [ts.SyntaxKind.EnumDeclaration, judgeTypeNode],
  [ts.SyntaxKind.FunctionDeclaration, (walk, node) => judgeFunction(walk, node as ts.FunctionDeclaration)],
  [ts.SyntaxKind.MethodDeclaration, judgeMethodNode],
  [ts.SyntaxKind.GetAccessor, judgeMethodNode],
  [ts.SyntaxKind.SetAccessor, judgeMethodNode],
  [ts.SyntaxKind.Parameter, (walk, node) => judgeParameter(walk, node as ts.ParameterDeclaration)],
  [ts.SyntaxKind.VariableDeclaration, (walk, node) => judgeVariable(walk, node as ts.VariableDeclaration)],
  [ts.SyntaxKind.PropertyDeclaration, judgePropertyNode],
  [ts.SyntaxKind.PropertySignature, judgePropertyNode],
]);

function judgeNode(walk: Walk, node: ts.Node): void {
  JUDGES.get(node.kind)?.(walk, node);
}

function judge(walk: Walk, judged: Judged): void {
  walk.facts.checked += 1;
  const prefixes = walk.settings.booleanPrefixes;
  const fitting = judged.allowed.find((nameCase) => isInCase(judged.name, nameCase));
  const needsPrefix = judged.isBoolean && prefixes.length > 0 && !hasBooleanPrefix(judged.name, prefixes);
  if (fitting && !needsPrefix) return;
  const expected = fitting ?? judged.allowed[0] ?? "camelCase";
  const suggestion = needsPrefix ? withBooleanPrefix(judged.name, prefixes, expected) : toCase(judged.name, expected);
  const rule: NameRule = fitting ? "boolean" : (judged.caseRule ?? "case");
  walk.facts.problems.push({ line: lineOf(walk.ast, judged.node), kind: judged.kind, name: judged.name, rule, expected, suggestion });
}

const TYPE_KINDS: Partial<Record<ts.SyntaxKind, DeclarationKind>> = {
  [ts.SyntaxKind.InterfaceDeclaration]: "interface",
  [ts.SyntaxKind.TypeAliasDeclaration]: "type alias",
  [ts.SyntaxKind.EnumDeclaration]: "enum",
};

type TypeDeclaration = ts.ClassLikeDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

function judgeType(walk: Walk, node: TypeDeclaration): void {
  if (!node.name) return;
  judge(walk, { node: node.name, name: node.name.text, kind: TYPE_KINDS[node.kind] ?? "class", allowed: ["PascalCase"], isBoolean: false });
}

/** Exported request handlers whose names frameworks read (Next.js route files: `export async function GET`). */
const HTTP_HANDLERS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Overload signatures repeat the implementation's name; only declarations with a body are judged. */
function judgeFunction(walk: Walk, node: ts.FunctionDeclaration): void {
  if (!node.name || !node.body) return;
  if (HTTP_HANDLERS.has(node.name.text) && hasFlag(node, ts.ModifierFlags.Export)) return;
  const allowed: NameCase[] = walk.isJsxFile || isFactory(node) ? ["camelCase", "PascalCase"] : ["camelCase"];
  judge(walk, { node: node.name, name: node.name.text, kind: "function", allowed, isBoolean: false });
}

/**
 * Decorator factories (`@Entity()`), higher-order components and DSL operators (TypeORM's `Equal(1)`, building a
 * `FindOperator`) are PascalCase by convention: a function typed as returning a decorator, or one whose body returns a
 * function or a new object.
 */
function isFactory(node: ts.FunctionDeclaration): boolean {
  if (node.type && /Decorator\b/.test(node.type.getText())) return true;
  return (node.body?.statements ?? []).some(
    (statement) => ts.isReturnStatement(statement) && statement.expression !== undefined && isBuilt(statement.expression),
  );
}

function isBuilt(expression: ts.Expression): boolean {
  const inner = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  return ts.isFunctionExpression(inner) || ts.isArrowFunction(inner) || ts.isNewExpression(inner);
}

/** Methods of classes; object-literal methods and overrides carry names chosen elsewhere. */
function judgeMethod(walk: Walk, node: ts.MethodDeclaration | ts.AccessorDeclaration): void {
  if (!ts.isClassLike(node.parent) || hasFlag(node, ts.ModifierFlags.Override)) return;
  if (ts.isMethodDeclaration(node) && !node.body && !hasFlag(node, ts.ModifierFlags.Abstract)) return;
  if (!ts.isIdentifier(node.name) && !ts.isPrivateIdentifier(node.name)) return;
  const name = node.name.text.replace(/^#/, "");
  judge(walk, { node: node.name, name, kind: "method", allowed: ["camelCase"], isBoolean: false });
}

/** Parameters of functions with a body; those of types and overload signatures only document them. */
function judgeParameter(walk: Walk, node: ts.ParameterDeclaration): void {
  const owner = node.parent;
  if (!ts.isFunctionLike(owner) || !("body" in owner) || owner.body === undefined) return;
  if (!ts.isIdentifier(node.name)) return judgeBindingNames(walk, node.name, false);
  if (node.name.text === "this") return;
  const isBoolean = !ts.isSetAccessorDeclaration(owner) && holdsBoolean(node.type, node.initializer);
  const allowed: NameCase[] = walk.isJsxFile ? ["camelCase", "PascalCase"] : ["camelCase"];
  judge(walk, { node: node.name, name: node.name.text, kind: "parameter", allowed, isBoolean });
}

/** Names a destructuring chooses itself (`{ a: chosen }`, `[chosen]`); shorthand `{ a }` must match the property. */
function judgeBindingNames(walk: Walk, pattern: ts.BindingName, isConst: boolean): void {
  if (ts.isIdentifier(pattern)) {
    const allowed: NameCase[] = ["camelCase", ...(isConst ? (["UPPER_SNAKE_CASE"] as const) : []), ...(walk.isJsxFile ? (["PascalCase"] as const) : [])];
    return judge(walk, { node: pattern, name: pattern.text, kind: "variable", allowed, isBoolean: false });
  }
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const isShorthand = ts.isObjectBindingPattern(pattern) && !element.propertyName && !element.dotDotDotToken;
    if (!isShorthand || !ts.isIdentifier(element.name)) judgeBindingNames(walk, element.name, isConst);
  }
}

/** Exported route segment settings whose names Next.js reads (`export const revalidate = 60`). */
const FRAMEWORK_EXPORTS = new Set(["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration", "experimental_ppr"]);

function judgeVariable(walk: Walk, node: ts.VariableDeclaration): void {
  const isConst = (ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const) !== 0;
  if (!ts.isIdentifier(node.name)) return judgeBindingNames(walk, node.name, isConst);
  if (node.initializer && isImport(node.initializer)) return;
  const isExported = isModuleLevel(node) && hasFlag(node, ts.ModifierFlags.Export);
  if (isExported && FRAMEWORK_EXPORTS.has(node.name.text)) return;
  judge(walk, variableJudged(walk, node, node.name, isConst, isExported));
}

/** A module-level `const` of a primitive literal is a constant (UPPER_SNAKE_CASE only); anything else a variable. */
function variableJudged(walk: Walk, node: ts.VariableDeclaration, name: ts.Identifier, isConst: boolean, isExported: boolean): Judged {
  const isBoolean = holdsBoolean(node.type, node.initializer);
  const isConstant = isConst && isModuleLevel(node) && isPrimitiveLiteral(node.initializer) && constantsApply(walk.settings, isExported);
  if (isConstant) return { node: name, name: name.text, kind: "constant", allowed: ["UPPER_SNAKE_CASE"], isBoolean, caseRule: "constant" };
  return { node: name, name: name.text, kind: "variable", allowed: variableCases(walk, isConst, node.initializer), isBoolean };
}

function isModuleLevel(node: ts.VariableDeclaration): boolean {
  const statement = node.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

function constantsApply(settings: NamingSettings, isExported: boolean): boolean {
  return settings.moduleConstants === "all" || (settings.moduleConstants === "exported" && isExported);
}

/**
 * camelCase always; UPPER_SNAKE_CASE for any `const`; PascalCase for constants holding something built (a class, a
 * component, a schema: `const UserSchema = z.object(…)`) and anywhere in .tsx/.jsx files, but not for plain values.
 */
function variableCases(walk: Walk, isConst: boolean, initializer: ts.Expression | undefined): NameCase[] {
  const cases: NameCase[] = isConst ? ["camelCase", "UPPER_SNAKE_CASE"] : ["camelCase"];
  const holdsPlainValue = initializer === undefined || isPrimitiveLiteral(initializer) || ts.isArrayLiteralExpression(initializer) || ts.isTemplateExpression(initializer);
  if (walk.isJsxFile || (isConst && !holdsPlainValue)) cases.push("PascalCase");
  return cases;
}

/** Class properties and (when enabled) interface members: only their boolean prefix is judged. */
function judgeProperty(walk: Walk, node: ts.PropertyDeclaration | ts.PropertySignature): void {
  if (ts.isPropertySignature(node) && !walk.settings.booleanProperties) return;
  if (hasFlag(node, ts.ModifierFlags.Override) || !ts.isIdentifier(node.name) || isInherited(node)) return;
  const initializer = ts.isPropertyDeclaration(node) ? node.initializer : undefined;
  if (!holdsBoolean(node.type, initializer)) return;
  judge(walk, { node: node.name, name: node.name.text, kind: "property", allowed: ANY_CASE, isBoolean: true });
}

/** A property of a class that extends or implements another may be declared there, under that name. */
function isInherited(node: ts.PropertyDeclaration | ts.PropertySignature): boolean {
  return ts.isClassLike(node.parent) && (node.parent.heritageClauses?.length ?? 0) > 0;
}

/** Declared `boolean` (alone or with `undefined`/`null`), or without a type and initialised with `true`/`false`. */
function holdsBoolean(type: ts.TypeNode | undefined, initializer: ts.Expression | undefined): boolean {
  if (type) return isBooleanType(type);
  return initializer !== undefined && (initializer.kind === ts.SyntaxKind.TrueKeyword || initializer.kind === ts.SyntaxKind.FalseKeyword);
}

function isBooleanType(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return isBooleanType(type.type);
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return true;
  if (!ts.isUnionTypeNode(type)) return false;
  const isEmpty = (member: ts.TypeNode) => member.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword);
  return type.types.some(isBooleanType) && type.types.every((member) => isBooleanType(member) || isEmpty(member));
}

const PRIMITIVE_LITERALS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
]);

/** A string, number, bigint or boolean literal (also negative or `as const`); templates, objects and calls are not. */
function isPrimitiveLiteral(expression: ts.Expression | undefined): boolean {
  let inner = expression;
  while (inner && (ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isParenthesizedExpression(inner))) inner = inner.expression;
  if (inner && ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken) inner = inner.operand;
  return inner !== undefined && PRIMITIVE_LITERALS.has(inner.kind);
}

/** `require("x")`, `require("x").y`, `await import("x")`: the name mirrors another module's. */
function isImport(expression: ts.Expression): boolean {
  let inner = expression;
  while (ts.isAwaitExpression(inner) || ts.isPropertyAccessExpression(inner) || ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (!ts.isCallExpression(inner)) return false;
  return inner.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(inner.expression) && inner.expression.text === "require");
}

/** Whether the declaration carries the modifier (`export`, `declare`, `override`); a variable, through its statement. */
function hasFlag(node: ts.Node, flag: ts.ModifierFlags): boolean {
  const isDeclaration = ts.canHaveModifiers(node) || ts.isVariableDeclaration(node);
  return isDeclaration && (ts.getCombinedModifierFlags(node as ts.Declaration) & flag) !== 0;
}

/** `declare` declarations describe code written elsewhere, under names chosen there. */
function isAmbient(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && hasFlag(node, ts.ModifierFlags.Ambient);
}
