import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isProductionCode } from "../../source/roles";

const DECLARATION_KINDS = ["function", "class", "type", "constant"] as const;
type DeclarationKind = (typeof DECLARATION_KINDS)[number];
type DocState = "present" | "missing" | "empty";

/** Beside tests and tool configuration: type declaration files, scripts, command-line entry points, examples, stories. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

const options = z.strictObject({
  /** What is counted: functions (with function-valued consts), classes, types (interfaces, type aliases, enums), other constants. */
  kinds: z.array(z.enum(DECLARATION_KINDS)).default(["function", "class"]),
  /** Also count Next.js convention exports (a page's default export, a route's `GET`), whose role the framework fixes. */
  frameworkEntryPoints: z.boolean().default(false),
});

/** One exported declaration of a file, as `collect` finds it. */
export interface ExportedDeclaration {
  name: string;
  kind: DeclarationKind;
  line: number;
  doc: DocState;
  /** A Next.js convention export (page default export, route handler, `metadata`…). */
  entryPoint: boolean;
}

/** `[INFO]` `[DOC]`: exported functions and classes are a module's public API; the guide wants them documented. */
export const docComments = defineAnalyzer({
  meta: {
    id: "doc-comments",
    guideTags: ["INFO", "DOC"],
    section: "documentation",
    description: "Exported functions and classes in production code without a `/** … */` doc comment, or with an empty one.",
    defaultSeverity: "info",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of exported declarations (of the counted kinds) with a non-empty doc comment, in percent; not applicable without any.",
  },
  collect: (file) => (isProductionFile(file.path) ? exportedDeclarations(file) : []),
  combine({ files, options: { kinds, frameworkEntryPoints } }) {
    const counted = new Set<DeclarationKind>(kinds);
    const declarations = files.flatMap((file) =>
      file.facts.filter((item) => counted.has(item.kind) && (frameworkEntryPoints || !item.entryPoint)).map((item) => ({ ...item, file: file.path })),
    );
    const findings = declarations.filter((item) => item.doc !== "present").map((item): FindingDraft => ({
      file: item.file,
      line: item.line,
      endLine: item.line,
      message: missingDocMessage(item),
      identity: [item.kind, item.name],
    }));
    return {
      findings,
      metrics: { exportedDeclarations: declarations.length, undocumented: findings.length },
      score: (active) => complianceRatioScore(declarations.length - active.length, declarations.length),
    };
  },
});

function isProductionFile(file: string): boolean {
  return isProductionCode(file) && !DECLARATION_FILE.test(file);
}

function missingDocMessage({ kind, name, doc }: ExportedDeclaration): string {
  const what = name === DEFAULT_EXPORT ? `The default-exported ${kind}` : `Exported ${kind} ${name}`;
  return doc === "empty"
    ? `${what} has an empty doc comment: write in it what the ${kind} is for and why, not its name again.`
    : `${what} has no doc comment: add a /** … */ above it saying what it is for and why, not its name again.`;
}

/** Every exported declaration at the top of the file, overloads counted once (by their first signature). */
function exportedDeclarations(file: ParsedFile): ExportedDeclaration[] {
  const ast = file.ast;
  if (!ast || !file.text.includes("export")) return [];
  const listed = locallyExportedNames(ast);
  const entryPoints = entryPointNames(file.path);
  const found: ExportedDeclaration[] = [];
  let previousFunction = "";
  for (const statement of ast.statements) {
    const functionName = functionNameOf(statement);
    const isOverload = functionName !== "" && functionName === previousFunction;
    previousFunction = functionName;
    if (isOverload) continue;
    for (const { isDefault, ...item } of declarationsOf(statement, ast, listed)) {
      found.push({ ...item, entryPoint: entryPoints.has(isDefault ? DEFAULT_EXPORT : item.name) });
    }
  }
  return found;
}

/** The name of a function declaration, or "" for any other statement (and for an anonymous `export default function`). */
function functionNameOf(statement: ts.Statement): string {
  return ts.isFunctionDeclaration(statement) && statement.name ? statement.name.text : "";
}

const DEFAULT_EXPORT = "default export";

/** Local names exported by `export { a, b as default }` or `export default a` (no module specifier), and whether as default. */
type ListedExports = ReadonlyMap<string, boolean>;

function locallyExportedNames(ast: ts.SourceFile): ListedExports {
  const names = new Map<string, boolean>();
  for (const statement of ast.statements) {
    if (isLocalExportList(statement)) {
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).getText(ast);
        names.set(local, names.get(local) === true || element.name.getText(ast) === "default");
      }
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) names.set(statement.expression.text, true);
  }
  return names;
}

/** `export { a, b as c }` without `from`: it exports declarations of this file, which the doc comments belong to. */
function isLocalExportList(statement: ts.Statement): statement is ts.ExportDeclaration & { exportClause: ts.NamedExports } {
  return ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause);
}

type Declared = Omit<ExportedDeclaration, "entryPoint"> & { isDefault: boolean };

function declarationsOf(statement: ts.Statement, ast: ts.SourceFile, listed: ListedExports): Declared[] {
  if (ts.isExportAssignment(statement)) return defaultExpression(statement, ast);
  if (ts.isVariableStatement(statement)) return variables(statement, ast, listed);
  const kind = declarationKind(statement);
  return kind ? namedDeclaration(statement, kind, ast, listed) : [];
}

/** A function, class or type declaration, when it is exported by a modifier or listed in a local `export { … }`. */
function namedDeclaration(statement: ts.Statement, kind: DeclarationKind, ast: ts.SourceFile, listed: ListedExports): Declared[] {
  if (!("name" in statement)) return [];
  const name = statement.name as ts.Identifier | undefined;
  const localName = name?.text ?? "";
  const modifiers = exportModifiers(statement);
  const isDefault = modifiers.has(ts.SyntaxKind.DefaultKeyword) || listed.get(localName) === true;
  if (!modifiers.has(ts.SyntaxKind.ExportKeyword) && !listed.has(localName)) return [];
  return [{ name: name?.text ?? DEFAULT_EXPORT, kind, line: lineOf(ast, name ?? statement), doc: docState(statement, ast.text), isDefault }];
}

function declarationKind(statement: ts.Statement): DeclarationKind | null {
  if (ts.isFunctionDeclaration(statement)) return "function";
  if (ts.isClassDeclaration(statement)) return "class";
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) return "type";
  return null;
}

function exportModifiers(statement: ts.Statement): Set<ts.SyntaxKind> {
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  return new Set(modifiers.map((modifier) => modifier.kind));
}

/** `export const a = () => …, b = 1`: each declarator, documented by the statement's comment. */
function variables(statement: ts.VariableStatement, ast: ts.SourceFile, listed: ListedExports): Declared[] {
  const isExportedStatement = exportModifiers(statement).has(ts.SyntaxKind.ExportKeyword);
  const doc = docState(statement, ast.text);
  return statement.declarationList.declarations.flatMap((declaration): Declared[] => {
    const name = ts.isIdentifier(declaration.name) ? declaration.name.text : "";
    if (!name || (!isExportedStatement && !listed.has(name))) return [];
    const kind = declaration.initializer && isFunctionValue(declaration.initializer) ? "function" : "constant";
    return [{ name, kind, line: lineOf(ast, declaration.name), doc, isDefault: listed.get(name) === true }];
  });
}

/** `export default () => …`, `export default class {}`: anonymous declarations in an export assignment. */
function defaultExpression(statement: ts.ExportAssignment, ast: ts.SourceFile): Declared[] {
  const expression = unwrap(statement.expression);
  const kind: DeclarationKind | null = ts.isClassExpression(expression) ? "class" : isFunctionValue(expression) ? "function" : null;
  if (!kind || statement.isExportEquals) return [];
  return [{ name: DEFAULT_EXPORT, kind, line: lineOf(ast, statement), doc: docState(statement, ast.text), isDefault: true }];
}

/** React's wrappers keep a component a function: `memo(() => …)`, `React.forwardRef(function …)`. */
const FUNCTION_WRAPPERS = new Set(["memo", "forwardRef"]);

function isFunctionValue(node: ts.Expression): boolean {
  const value = unwrap(node);
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return true;
  if (!ts.isCallExpression(value) || value.arguments.length === 0) return false;
  const callee = ts.isPropertyAccessExpression(value.expression) ? value.expression.name : value.expression;
  const [first] = value.arguments;
  return ts.isIdentifier(callee) && FUNCTION_WRAPPERS.has(callee.text) && first !== undefined && isFunctionValue(first);
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

/** A `/** … *\/` comment before the declaration (before its decorators too); empty when it holds nothing but stars and spaces. */
function docState(node: ts.Node, text: string): DocState {
  const docs = (ts.getLeadingCommentRanges(text, node.pos) ?? []).filter(
    (range) => range.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith("/**", range.pos) && !text.startsWith("/**/", range.pos),
  );
  if (docs.length === 0) return "missing";
  return docs.some((range) => /[^\s*]/.test(text.slice(range.pos + 3, range.end - 2))) ? "present" : "empty";
}

/** Next.js app-router special files, the pages router and middleware: exports whose name and role the framework fixes. */
const APP_ROUTER_FILE = /(?:^|\/)app\/(?:.*\/)?(page|layout|template|loading|error|global-error|not-found|default|route|sitemap|robots|manifest|icon|apple-icon|opengraph-image|twitter-image)\.[cm]?[jt]sx?$/;
const PAGES_ROUTER_FILE = /(?:^|\/)pages\/.*\.[jt]sx?$/;
const MIDDLEWARE_FILE = /^(?:src\/)?(?:middleware|instrumentation)\.[jt]s$/;
const SEGMENT_CONFIG = ["metadata", "generateMetadata", "generateStaticParams", "generateViewport", "viewport", "dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration", "generateImageMetadata", "alt", "size", "contentType"];
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const PAGES_EXPORTS = ["getServerSideProps", "getStaticProps", "getStaticPaths", "getInitialProps", "config"];
const MIDDLEWARE_EXPORTS = ["middleware", "config", "register", "onRequestError"];

function entryPointNames(file: string): ReadonlySet<string> {
  const appFile = APP_ROUTER_FILE.exec(file);
  if (appFile) return new Set([DEFAULT_EXPORT, ...SEGMENT_CONFIG, ...(appFile[1] === "route" ? HTTP_METHODS : [])]);
  if (PAGES_ROUTER_FILE.test(file)) return new Set([DEFAULT_EXPORT, ...PAGES_EXPORTS]);
  if (MIDDLEWARE_FILE.test(file)) return new Set([DEFAULT_EXPORT, ...MIDDLEWARE_EXPORTS]);
  return new Set();
}
