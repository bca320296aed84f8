import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKinds } from "../../source/walk";
import { importBindings, type Binding } from "../../source/bindings";

/** How a method of a class is implemented, as far as the contract is concerned. */
export type MethodState = "real" | "empty" | "refuses" | "abstract";

/** A supertype named in `extends`/`implements`: its exported name and the module it was imported from (null: same file or global). */
export interface TypeRef {
  name: string;
  module: string | null;
}

/** An interface, an object type alias or a class, with what the checks need to know of its members. */
export interface Declaration {
  kind: "interface" | "type" | "class";
  name: string;
  line: number;
  isAbstract: boolean;
  /** Methods a client or implementer must deal with: own method members (for a class, its abstract ones). */
  methodCount: number;
  /** Supertypes: `extends` first, then `implements`; null for a supertype that is not a plain name (`extends mixin(Base)`). */
  supertypes: Array<TypeRef | null>;
  /** Every own instance member name (interfaces and type literals: all members). */
  members: string[];
  /** Classes only: the state of each own instance method with a name. */
  methods: Record<string, MethodState>;
  /** Classes only: line of each method that refuses or is empty, for the finding. */
  lines: Record<string, number>;
}

const REFUSAL_TEXT = /\bnot (?:yet )?(?:been )?implemented\b|\bnot supported\b|\bunsupported\b|\bdo(?:es)?(?: not|n't) support\b/i;
const REFUSAL_ERROR = /NotImplemented|NotSupported|Unsupported/i;

/** Interfaces, object type aliases and classes declared anywhere in the file. */
export function declarationsOf(file: ParsedFile): Declaration[] {
  const ast = file.ast;
  if (!ast || !/\b(?:interface|class|type)\b/.test(file.text)) return [];
  const bindings = importBindings(ast, true);
  const found: Declaration[] = [];
  for (const node of nodesOfKinds(ast, DECLARATION_KINDS)) {
    const declaration = isInAmbientModule(node) ? null : declarationOf(node, ast, bindings);
    if (declaration) found.push(declaration);
  }
  return found;
}

/** The node kinds `declarationOf` reads. */
const DECLARATION_KINDS: readonly ts.SyntaxKind[] = [ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.ClassDeclaration];

/** Inside `declare module` / `declare global` / `declare namespace`: it describes code that lives elsewhere. */
function isInAmbientModule(node: ts.Node): boolean {
  for (let current = node.parent; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isModuleDeclaration(current) && isAmbient(current)) return true;
  }
  return false;
}

function declarationOf(node: ts.Node, ast: ts.SourceFile, bindings: ReadonlyMap<string, Binding>): Declaration | null {
  if (ts.isInterfaceDeclaration(node) && !isAmbient(node)) {
    const supertypes = (node.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => typeRef(type.expression, bindings)));
    return { ...typeMembers(node.members, ast), kind: "interface", name: node.name.text, line: lineOf(ast, node), isAbstract: false, supertypes, methods: {}, lines: {} };
  }
  if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type) && !isAmbient(node)) {
    return { ...typeMembers(node.type.members, ast), kind: "type", name: node.name.text, line: lineOf(ast, node), isAbstract: false, supertypes: [], methods: {}, lines: {} };
  }
  if (ts.isClassDeclaration(node) && node.name && !isAmbient(node)) return classDeclaration(node, node.name.text, ast, bindings);
  return null;
}

/** Own members of an interface or type literal; methods are the required method signatures, each name once. */
function typeMembers(members: ts.NodeArray<ts.TypeElement>, ast: ts.SourceFile): { members: string[]; methodCount: number } {
  const names = new Set<string>();
  const methods = new Set<string>();
  for (const member of members) {
    if (!member.name) continue;
    const name = member.name.getText(ast);
    names.add(name);
    if (ts.isMethodSignature(member) && !member.questionToken) methods.add(name);
  }
  return { members: [...names], methodCount: methods.size };
}

function classDeclaration(node: ts.ClassDeclaration, name: string, ast: ts.SourceFile, bindings: ReadonlyMap<string, Binding>): Declaration {
  const isExtends = (clause: ts.HeritageClause) => (clause.token === ts.SyntaxKind.ExtendsKeyword ? 0 : 1);
  const supertypes = [...(node.heritageClauses ?? [])]
    .sort((a, b) => isExtends(a) - isExtends(b))
    .flatMap((clause) => clause.types.map((type) => typeRef(type.expression, bindings)));
  const isAbstract = hasModifier(node, ts.SyntaxKind.AbstractKeyword);
  return { kind: "class", name, line: lineOf(ast, node), isAbstract, supertypes, ...classMembers(node, ast) };
}

/** Instance members of a class, the state of its methods, and how many required abstract methods it declares. */
function classMembers(node: ts.ClassDeclaration, ast: ts.SourceFile): Pick<Declaration, "members" | "methods" | "lines" | "methodCount"> {
  const members = new Set<string>();
  const methods: Record<string, MethodState> = {};
  const lines: Record<string, number> = {};
  let methodCount = 0;
  for (const member of node.members) {
    const memberName = instanceMemberName(member, ast);
    if (memberName === null) continue;
    members.add(memberName);
    if (!ts.isMethodDeclaration(member)) continue;
    const state = methodState(member);
    if (state === null) continue;
    methods[memberName] = state;
    if (state === "abstract" && !member.questionToken) methodCount += 1;
    if (state === "refuses" || state === "empty") lines[memberName] = lineOf(ast, member);
  }
  return { members: [...members], methods, lines, methodCount };
}

/** The name of a non-static, non-private member with a plain name; null for the rest (they are no part of a contract). */
function instanceMemberName(member: ts.ClassElement, ast: ts.SourceFile): string | null {
  if (!member.name || ts.isPrivateIdentifier(member.name) || ts.isComputedPropertyName(member.name)) return null;
  if (hasModifier(member, ts.SyntaxKind.StaticKeyword) || hasModifier(member, ts.SyntaxKind.PrivateKeyword)) return null;
  return member.name.getText(ast);
}

/** Under `declare` (a copied `.d.ts`, `declare module`, `declare global`): it describes code that lives elsewhere. */
function isAmbient(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.DeclareKeyword);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

/** Null for an overload signature (no body): the implementation carries the state. */
function methodState(method: ts.MethodDeclaration): MethodState | null {
  if (hasModifier(method, ts.SyntaxKind.AbstractKeyword)) return "abstract";
  const body = method.body;
  if (!body) return null;
  if (body.statements.length === 0) return hasComment(body) ? "real" : "empty";
  return body.statements.length === 1 && isRefusal(body.statements[0]) ? "refuses" : "real";
}

/** An empty body with a comment in it says on purpose (a no-op hook): it is not an unimplemented member. */
function hasComment(body: ts.Block): boolean {
  const inside = body.getSourceFile().text.slice(body.getStart() + 1, body.getEnd() - 1);
  return /\/\/|\/\*/.test(inside);
}

/** `throw new NotImplementedError()`, `throw new Error("… not supported …")`, `return Promise.reject(new Error("unsupported"))`. */
function isRefusal(statement: ts.Statement | undefined): boolean {
  if (statement && ts.isThrowStatement(statement)) return isRefusalError(statement.expression);
  if (!statement || !ts.isReturnStatement(statement) || !statement.expression || !ts.isCallExpression(statement.expression)) return false;
  const call = statement.expression;
  const isReject = ts.isPropertyAccessExpression(call.expression) && call.expression.getText() === "Promise.reject";
  return isReject && call.arguments.length === 1 && isRefusalError(call.arguments[0]);
}

function isRefusalError(expression: ts.Expression | undefined): boolean {
  if (!expression || (!ts.isNewExpression(expression) && !ts.isCallExpression(expression))) return false;
  if (REFUSAL_ERROR.test(expression.expression.getText())) return true;
  const [message] = expression.arguments ?? [];
  return message !== undefined && (ts.isStringLiteralLike(message) || ts.isTemplateExpression(message)) && REFUSAL_TEXT.test(message.getText());
}

/** `Base` or `ns.Base` in a heritage clause, with the module it was imported from; null for anything else. */
function typeRef(expression: ts.Expression, bindings: ReadonlyMap<string, Binding>): TypeRef | null {
  if (ts.isIdentifier(expression)) {
    const binding = bindings.get(expression.text);
    if (!binding) return { name: expression.text, module: null };
    return { name: binding.name === "*" || binding.name === "default" ? expression.text : binding.name, module: binding.module };
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    const binding = bindings.get(expression.expression.text);
    return { name: expression.name.text, module: binding?.module ?? null };
  }
  return null;
}
