import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isConfigFile } from "../../source/roles";
import { nodesOfKinds } from "../../source/walk";
import { offsetsOf, startsWithin } from "../../source/offsets";

/** Stands for every export of a module: a namespace import, `export *`, a dynamic `import()` or a `require`. */
export const EVERYTHING = "*";
/** The name `export default` exports under. */
export const DEFAULT_EXPORT = "default";

/** A name the module declares and exports itself. */
export interface DeclaredExport {
  name: string;
  line: number;
  isType: boolean;
  /** Referred to elsewhere in its own module, so the code is alive even when no other module imports it. */
  isUsedLocally: boolean;
}

/** `export { from as as } from "specifier"`; `export * from` has both names `*`, `export * as ns from` has `as` = ns. */
export interface ReExport {
  specifier: string;
  from: string;
  as: string;
  line: number;
}

/** One module this file loads and the names it takes from it (`*` for all of them, none for a side-effect import). */
export interface ModuleUse {
  specifier: string;
  names: string[];
  /** `import type …`, or only type-only named imports: nothing is loaded at run time. */
  isTypeOnly: boolean;
  /** Vite's `import.meta.glob("./pages/*.tsx")`: the specifier is a glob relative to the importer. */
  isGlob?: boolean;
}

export interface ExportFacts {
  exports: DeclaredExport[];
  reExports: ReExport[];
  uses: ModuleUse[];
  /** `export =` or `module.exports`: a CommonJS module, whose exports are not judged one by one. */
  isCommonJs: boolean;
}

interface LocalExport {
  local: string;
  exported: string;
  line: number;
  isType: boolean;
  /** Named in an `export { … }` list, which mentions the local name once more. */
  isListed?: boolean;
}

/**
 * What a module exports, re-exports and imports, read from its top-level statements (plus `import()`/`require` calls).
 * `isCountingLocalUses: false` skips telling which exports their own module uses (`isUsedLocally` is then false).
 */
export function collectExportFacts(file: ParsedFile, isCountingLocalUses = true): ExportFacts {
  const ast = file.ast;
  if (!ast) return { exports: [], reExports: [], uses: [], isCommonJs: false };
  const imported = new Map<string, { specifier: string; name: string }>();
  const locals: LocalExport[] = [];
  const facts: ExportFacts = { exports: [], reExports: [], uses: [], isCommonJs: file.text.includes("module.exports") || COMMONJS_EXPORT.test(file.text) };
  for (const statement of ast.statements) readStatement(statement, ast, { facts, imported, locals });
  collectCalls(ast, facts.uses);
  if (isConfigFile(file.path)) collectPathStrings(ast, facts.uses);
  const usedLocally = isCountingLocalUses ? countLocalUses(file.text, locals) : new Set<string>();
  const ambient = ambientNames(ast);
  for (const entry of locals) {
    if (ambient.has(entry.local)) continue;
    const source = imported.get(entry.local);
    if (source) facts.reExports.push({ specifier: source.specifier, from: source.name, as: entry.exported, line: entry.line });
    else facts.exports.push({ name: entry.exported, line: entry.line, isType: entry.isType, isUsedLocally: usedLocally.has(entry.local) });
  }
  return facts;
}

interface Reading {
  facts: ExportFacts;
  /** Local name → the module and name it was imported from, to tell `import { a } …; export { a }` from a declaration. */
  imported: Map<string, { specifier: string; name: string }>;
  locals: LocalExport[];
}

function readStatement(statement: ts.Statement, ast: ts.SourceFile, reading: Reading): void {
  if (ts.isImportDeclaration(statement)) return readImport(statement, reading);
  if (ts.isExportDeclaration(statement)) return readExportDeclaration(statement, ast, reading);
  if (ts.isImportEqualsDeclaration(statement)) {
    if (ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteralLike(statement.moduleReference.expression)) {
      reading.facts.uses.push({ specifier: statement.moduleReference.expression.text, names: [EVERYTHING], isTypeOnly: statement.isTypeOnly });
    }
    return;
  }
  if (ts.isExportAssignment(statement)) {
    if (statement.isExportEquals) reading.facts.isCommonJs = true;
    else reading.locals.push({ local: DEFAULT_EXPORT, exported: DEFAULT_EXPORT, line: lineOf(ast, statement), isType: false });
    return;
  }
  readExportedDeclaration(statement, ast, reading.locals);
}

function readImport(statement: ts.ImportDeclaration, { facts, imported }: Reading): void {
  if (!ts.isStringLiteralLike(statement.moduleSpecifier)) return;
  const specifier = statement.moduleSpecifier.text;
  const clause = statement.importClause;
  const bound = clause ? importBindings(clause) : [];
  for (const { local, name } of bound) imported.set(local, { specifier, name });
  facts.uses.push({ specifier, names: bound.map((binding) => binding.name), isTypeOnly: clause ? isTypeOnlyClause(clause) : false });
}

/** Each local name an import binds, with what it imports: `default` for a default import, `*` for a namespace. */
function importBindings(clause: ts.ImportClause): Array<{ local: string; name: string }> {
  const bindings = clause.namedBindings;
  const defaults = clause.name ? [{ local: clause.name.text, name: DEFAULT_EXPORT }] : [];
  if (bindings && ts.isNamespaceImport(bindings)) return [...defaults, { local: bindings.name.text, name: EVERYTHING }];
  const named = bindings ? bindings.elements.map((element) => ({ local: element.name.text, name: (element.propertyName ?? element.name).text })) : [];
  return [...defaults, ...named];
}

/** `import type …`, or named imports that are all `type`: nothing is loaded at run time. */
function isTypeOnlyClause(clause: ts.ImportClause): boolean {
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function readExportDeclaration(statement: ts.ExportDeclaration, ast: ts.SourceFile, reading: Reading): void {
  const specifier = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
  const clause = statement.exportClause;
  if (clause && ts.isNamedExports(clause)) readExportList(clause, statement.isTypeOnly, specifier, ast, reading);
  else if (specifier !== null) reading.facts.reExports.push({ specifier, from: EVERYTHING, as: clause ? clause.name.text : EVERYTHING, line: lineOf(ast, statement) });
}

/** `export { a, b as c }` names local declarations; `export { a } from "./x"` re-exports. */
function readExportList(list: ts.NamedExports, isTypeOnly: boolean, specifier: string | null, ast: ts.SourceFile, { facts, locals }: Reading): void {
  for (const element of list.elements) {
    const from = (element.propertyName ?? element.name).text;
    const line = lineOf(ast, element);
    if (specifier !== null) facts.reExports.push({ specifier, from, as: element.name.text, line });
    else locals.push({ local: from, exported: element.name.text, line, isType: isTypeOnly || element.isTypeOnly, isListed: true });
  }
}

function readExportedDeclaration(statement: ts.Statement, ast: ts.SourceFile, locals: LocalExport[]): void {
  const modifiers = modifierKinds(statement);
  // `export declare class X` describes code that lives elsewhere (vendored typings), like a declaration file.
  if (!modifiers.has(ts.SyntaxKind.ExportKeyword) || modifiers.has(ts.SyntaxKind.DeclareKeyword)) return;
  if (ts.isVariableStatement(statement)) {
    for (const name of variableNames(statement)) locals.push({ local: name.text, exported: name.text, line: lineOf(ast, name), isType: false });
    return;
  }
  const entry = declarationExport(statement, ast, modifiers.has(ts.SyntaxKind.DefaultKeyword));
  // Overloads and merged declarations export one name.
  if (entry && !locals.some((known) => known.exported === entry.exported)) locals.push(entry);
}

/** A function, class, enum, namespace, interface or type alias exported by its own `export` (or `export default`). */
function declarationExport(statement: ts.Statement, ast: ts.SourceFile, isDefault: boolean): LocalExport | null {
  const name = (statement as { name?: ts.Node }).name;
  const local = name && ts.isIdentifier(name) ? name : null;
  const isType = ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
  if (isDefault) return { local: local?.text ?? DEFAULT_EXPORT, exported: DEFAULT_EXPORT, line: lineOf(ast, statement), isType };
  return local ? { local: local.text, exported: local.text, line: lineOf(ast, local), isType } : null;
}

function modifierKinds(statement: ts.Statement): Set<ts.SyntaxKind> {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return new Set(modifiers?.map((modifier) => modifier.kind));
}

function variableNames(statement: ts.VariableStatement): ts.Identifier[] {
  return statement.declarationList.declarations.flatMap((declaration) => boundNames(declaration.name));
}

/** Names of top-level `declare` statements: they describe code that lives elsewhere. */
function ambientNames(ast: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of ast.statements) {
    if (!modifierKinds(statement).has(ts.SyntaxKind.DeclareKeyword)) continue;
    const name = (statement as { name?: ts.Node }).name;
    if (name && ts.isIdentifier(name)) names.add(name.text);
    if (ts.isVariableStatement(statement)) for (const bound of variableNames(statement)) names.add(bound.text);
  }
  return names;
}

function boundNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** `exports.name = …` (not `x.exports.name`, not a comparison `exports.length === 0`). */
const COMMONJS_EXPORT = /(?<![\w$.])exports\.[\w$]+\s*=(?!=)/;

const LOADING_KINDS = [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression];

/** Where a module may be loaded by a call: `import(`, `require(`, `import.meta.url`. */
const LOAD_SITE = /\b(?:import|require)\s*\(|import\.meta\.(?:url|glob)/g;

/**
 * `import("./x")`, `require("./x")` and `new URL("./worker.ts", import.meta.url)` load a whole module. Only the calls
 * that hold one of the places the text search found are read.
 */
function collectCalls(ast: ts.SourceFile, uses: ModuleUse[]): void {
  const sites = offsetsOf(LOAD_SITE, ast.text);
  if (sites.length === 0) return;
  for (const node of nodesOfKinds<ts.CallExpression | ts.NewExpression>(ast, LOADING_KINDS)) {
    if (startsWithin(sites, node)) uses.push(...loadsOf(node, ast));
  }
}

function loadsOf(node: ts.CallExpression | ts.NewExpression, ast: ts.SourceFile): ModuleUse[] {
  const loaded = node.arguments?.[0];
  if (!loaded) return [];
  if (ts.isStringLiteralLike(loaded) && isModuleLoad(node)) return [{ specifier: loaded.text, names: [EVERYTHING], isTypeOnly: false }];
  return ts.isCallExpression(node) && node.expression.getText(ast) === "import.meta.glob" ? globUses(loaded) : [];
}

/** The patterns of `import.meta.glob("./a/*.ts")` or `import.meta.glob(["./a/*.ts", "!./a/skip.ts"])`. */
function globUses(argument: ts.Expression): ModuleUse[] {
  const patterns = ts.isArrayLiteralExpression(argument) ? [...argument.elements] : [argument];
  return patterns.flatMap((pattern) =>
    ts.isStringLiteralLike(pattern) && !pattern.text.startsWith("!") ? [{ specifier: pattern.text, names: [EVERYTHING], isTypeOnly: false, isGlob: true }] : [],
  );
}

function isModuleLoad(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require");
  }
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "URL" && node.arguments?.[1]?.getText().includes("import.meta.url") === true;
}

/** A string that names a script file by a path (`"./src/i18n/request.ts"`, `"src/tracker/index.js"`). */
const SCRIPT_PATH = /^(?:\.{1,2}\/)?[\w@$()[\]-]+(?:\/[\w@$()[\].-]+)*\.[cm]?[jt]sx?$/;

const STRING_KINDS = [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral];

/** Tool configuration names the files it loads in strings (a bundler's input, a plugin's module): they load all of it. */
function collectPathStrings(ast: ts.SourceFile, uses: ModuleUse[]): void {
  for (const node of nodesOfKinds<ts.StringLiteralLike>(ast, STRING_KINDS)) {
    if (node.text.includes("/") && SCRIPT_PATH.test(node.text)) {
      uses.push({ specifier: node.text.startsWith(".") ? node.text : `./${node.text}`, names: [EVERYTHING], isTypeOnly: false });
    }
  }
}

/**
 * Names mentioned in their module more often than their declarations and export lists account for. A text count, so a
 * mention in a comment, a string or a property name counts as a use too: the rule errs towards keeping an export.
 */
function countLocalUses(text: string, locals: readonly LocalExport[]): Set<string> {
  const declared = new Map<string, number>();
  for (const entry of locals) declared.set(entry.local, (declared.get(entry.local) ?? 0) + (entry.isListed ? 2 : 1));
  return new Set([...declared].filter(([name, count]) => name !== DEFAULT_EXPORT && mentionsOf(text, name) > count).map(([name]) => name));
}

/** How often a name stands in the text as a whole word. */
function mentionsOf(text: string, name: string): number {
  let count = 0;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    if (!isWordCharacter(text.charCodeAt(at - 1)) && !isWordCharacter(text.charCodeAt(at + name.length))) count += 1;
  }
  return count;
}

/** Letters, digits, `_` and `$`: characters that continue an identifier. */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}
