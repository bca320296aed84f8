import { ts } from "ts-morph";

/** What a local name stands for: an export of a module (`default`, a named export, or `*` for the whole module). */
export interface Binding {
  module: string;
  name: string;
}

type Bound = [local: string, binding: Binding];

/** Local names bound by the file's top-level imports and `require` calls; type-only imports only when asked for. */
export function importBindings(ast: ts.SourceFile, shouldIncludeTypes = false): Map<string, Binding> {
  return new Map(ast.statements.flatMap((statement) => statementBindings(statement, shouldIncludeTypes)));
}

function statementBindings(statement: ts.Statement, shouldIncludeTypes: boolean): Bound[] {
  if (ts.isImportDeclaration(statement)) return importClauseBindings(statement, shouldIncludeTypes);
  if (ts.isImportEqualsDeclaration(statement)) return importEqualsBindings(statement, shouldIncludeTypes);
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap(requireBindings);
  return [];
}

/** `import x = require("m")`. */
function importEqualsBindings(statement: ts.ImportEqualsDeclaration, shouldIncludeTypes: boolean): Bound[] {
  const reference = statement.moduleReference;
  if (!ts.isExternalModuleReference(reference) || !ts.isStringLiteralLike(reference.expression)) return [];
  return shouldIncludeTypes || !statement.isTypeOnly ? [[statement.name.text, { module: reference.expression.text, name: "*" }]] : [];
}

/** `import x, { a as b } from "m"`, `import * as ns from "m"`. */
function importClauseBindings(statement: ts.ImportDeclaration, shouldIncludeTypes: boolean): Bound[] {
  const clause = statement.importClause;
  if (!clause || (clause.isTypeOnly && !shouldIncludeTypes) || !ts.isStringLiteralLike(statement.moduleSpecifier)) return [];
  const module = statement.moduleSpecifier.text;
  const named = namedBindings(clause.namedBindings, module, shouldIncludeTypes);
  return clause.name ? [[clause.name.text, { module, name: "default" }], ...named] : named;
}

function namedBindings(named: ts.NamedImportBindings | undefined, module: string, shouldIncludeTypes: boolean): Bound[] {
  if (!named) return [];
  if (ts.isNamespaceImport(named)) return [[named.name.text, { module, name: "*" }]];
  return named.elements
    .filter((element) => shouldIncludeTypes || !element.isTypeOnly)
    .map((element): Bound => [element.name.text, { module, name: (element.propertyName ?? element.name).text }]);
}

/** `const pg = require("pg")`, `const { Pool } = require("pg")`, `const Pool = require("pg").Pool`. */
function requireBindings(declaration: ts.VariableDeclaration): Bound[] {
  const initializer = declaration.initializer;
  if (!initializer) return [];
  const [required, member] = ts.isPropertyAccessExpression(initializer) ? [initializer.expression, initializer.name.text] : [initializer, null];
  const module = requiredModule(required);
  if (module === null) return [];
  if (ts.isIdentifier(declaration.name)) return [[declaration.name.text, { module, name: member ?? "*" }]];
  return member === null && ts.isObjectBindingPattern(declaration.name) ? destructured(declaration.name, module) : [];
}

function destructured(pattern: ts.ObjectBindingPattern, module: string): Bound[] {
  return pattern.elements.flatMap((element): Bound[] => {
    const imported = element.propertyName ?? element.name;
    return ts.isIdentifier(element.name) && ts.isIdentifier(imported) ? [[element.name.text, { module, name: imported.text }]] : [];
  });
}

function requiredModule(expression: ts.Expression): string | null {
  if (!ts.isCallExpression(expression) || !ts.isIdentifier(expression.expression) || expression.expression.text !== "require") return null;
  const [specifier] = expression.arguments;
  return specifier && ts.isStringLiteralLike(specifier) ? specifier.text : null;
}
