import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "./parse";
import { nodesOfKind } from "./walk";

export interface ImportReference {
  specifier: string;
  line: number;
  /** `import type …` and imports of types only: gone after compilation, so they cannot make a runtime cycle. */
  typeOnly: boolean;
}

const FOUND = new WeakMap<ts.SourceFile, ImportReference[]>();

/**
 * Every module a file imports: static and dynamic imports, re-exports, `require` and `import x = require()`. Several
 * rules ask for the same file's imports, so the answer is kept per parsed tree; callers must not change it.
 */
export function findImports(file: ParsedFile): readonly ImportReference[] {
  const ast = file.ast;
  if (!ast) return [];
  let found = FOUND.get(ast);
  if (!found) {
    found = scanImports(file);
    FOUND.set(ast, found);
  }
  return found;
}

function scanImports(file: ParsedFile): ImportReference[] {
  const ast = file.ast;
  if (!ast) return [];
  const found: ImportReference[] = [];
  const add = (literal: ts.Node, isTypeOnly: boolean): void => {
    if (!ts.isStringLiteralLike(literal)) return;
    found.push({ specifier: literal.text, line: lineOf(ast, literal), typeOnly: isTypeOnly });
  };
  for (const statement of ast.statements) {
    if (ts.isImportDeclaration(statement)) add(statement.moduleSpecifier, isTypeOnlyImport(statement));
    else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) add(statement.moduleSpecifier, statement.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      add(statement.moduleReference.expression, statement.isTypeOnly);
    }
  }
  if (/\b(?:import|require)\s*\(/.test(file.text)) collectCalls(ast, add);
  return found;
}

function isTypeOnlyImport(statement: ts.ImportDeclaration): boolean {
  const clause = statement.importClause;
  if (!clause) return false; // `import "./side-effect"` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function collectCalls(ast: ts.SourceFile, add: (literal: ts.Node, isTypeOnly: boolean) => void): void {
  for (const node of nodesOfKind<ts.CallExpression>(ast, ts.SyntaxKind.CallExpression)) {
    const callee = node.expression;
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(callee) && callee.text === "require";
    if ((isImport || isRequire) && node.arguments[0]) add(node.arguments[0], false);
  }
}
