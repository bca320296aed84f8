import { ts } from "ts-morph";
import { findImports, type ImportReference } from "../../source/imports";
import type { ParsedFile } from "../../source/parse";
import type { ModuleResolver } from "../../source/resolve";
import { isConfigFile, isTestFile } from "../../source/roles";

const DECLARATION_FILE = /\.d\.[cm]?ts$/;


/** Files whose coverage is judged: not tests, declaration files or tool configuration. */
export function isCoverableFile(file: string): boolean {
  return !isTestFile(file) && !DECLARATION_FILE.test(file) && !isConfigFile(file);
}

/** What the coverage rule needs from one parsed file: what it imports, and whether it has code to run. */
export interface ModuleFacts {
  imports: readonly ImportReference[];
  /** False for a module of interfaces and type aliases: it has nothing for a test to cover. */
  runtime: boolean;
}

export interface ModuleFile {
  path: string;
  facts: ModuleFacts;
}

/** Per-file facts, gathered in the collect phase so they can be cached; a file that failed to parse counts as runtime code. */
export function collectModuleFacts(file: ParsedFile): ModuleFacts {
  return { imports: findImports(file), runtime: !file.ast || file.ast.statements.some(isRuntimeStatement) };
}

/** Coverable files that hold code to run. */
export function isSourceModule(file: ModuleFile): boolean {
  return isCoverableFile(file.path) && file.facts.runtime;
}

function isRuntimeStatement(statement: ts.Statement): boolean {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEmptyStatement(statement)) return false;
  // Imports only bring in other modules; `export { x }` only names a binding declared elsewhere in the file.
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) return false;
  if (ts.isExportDeclaration(statement)) return !statement.isTypeOnly && statement.moduleSpecifier !== undefined;
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return !modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword);
}

/** Every file a test loads at run time, directly or through other modules; type-only imports load nothing. */
export function filesReachedFromTests(files: readonly ModuleFile[], resolver: ModuleResolver): Set<string> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const reached = new Set(files.filter((file) => isTestFile(file.path)).map((file) => file.path));
  const queue = [...reached];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const file = byPath.get(next);
    if (!file) continue;
    for (const reference of file.facts.imports) {
      const target = reference.typeOnly ? null : resolver.resolve(file.path, reference.specifier);
      if (target !== null && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return reached;
}
