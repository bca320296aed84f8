import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isProductionCode } from "../../source/roles";
import { nodesOfKind } from "../../source/walk";
import { dataAccessCallee, dataModuleImports } from "./data-access";

/** Beside tests and tool configuration: scripts, command-line entry points, examples, seeds and migrations that run once. */
/** Seeds and migrations run once, offline: a query per item there is no N+1 in a request. */
const SEEDS_AND_MIGRATIONS = /(?:^|\/)(?:seeds?|seeders|migrations?)\//;

const options = z.strictObject({
  /** Extra path patterns (regular expressions) where queries in loops are accepted, e.g. a batch-job folder. */
  allowIn: z.array(z.string()).default([]),
});

/** A loop over a collection whose body awaits something, with the awaited data-access calls in it. */
export interface AwaitingLoop {
  /** The enclosing function's name, `<module>` at the top level. */
  function: string;
  /** `for (const order of orders)`: with the function, names the loop without line numbers. */
  header: string;
  /** `text` is the awaited call as written, shortened: it tells two calls of one function apart. */
  queries: Array<{ line: number; callee: string; text: string }>;
}

/** `[N+1]`: one query or request per item of a collection, awaited in a loop, where one batched query would do. */
export const queryInLoop = defineAnalyzer({
  meta: {
    id: "query-in-loop",
    guideTags: ["N+1"],
    section: "performance",
    description: "Database queries and HTTP requests awaited once per item inside a loop over a collection (N+1 queries).",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of loops over a collection that await something and issue no query per item, in percent; not applicable without such loops.",
  },
  collect: (file) => (isProductionCode(file.path) && !SEEDS_AND_MIGRATIONS.test(file.path) ? awaitingLoops(file) : []),
  combine({ files, options: { allowIn } }) {
    const allowed = allowIn.map((pattern) => new RegExp(pattern));
    const judged = files.filter((file) => !allowed.some((pattern) => pattern.test(file.path)));
    const loops = judged.flatMap((file) => file.facts.map((loop) => ({ ...loop, file: file.path })));
    const findings = loops.flatMap((loop) => loop.queries.map((query): FindingDraft => ({
      file: loop.file,
      line: query.line,
      endLine: query.line,
      message: `${query.callee} is awaited once per item of \`${loop.header}\` ${placeOf(loop.function)} (N+1): load all items in one query (an \`in\` filter, a join or include) before the loop, or write them in one batch.`,
      identity: [loop.function, loop.header, query.text],
      snippet: query.text,
    })));
    const loopsWithQueries = (active: readonly FindingDraft[]) => new Set(active.map((finding) => [finding.file, ...finding.identity.slice(0, 2)].join("\u0000"))).size;
    return {
      findings,
      metrics: { awaitingLoops: loops.length, loopsWithQueries: loopsWithQueries(findings), queriesInLoops: findings.length },
      score: (active) => complianceRatioScore(loops.length - loopsWithQueries(active), loops.length),
    };
  },
});

const MODULE_LEVEL = "<module>";

function placeOf(functionName: string): string {
  return functionName === MODULE_LEVEL ? "at module level" : `in ${functionName}`;
}

/** A per-item loop an await runs in, with the names it binds for each item. */
interface LoopScope {
  /** The loop's body: what runs once per item. */
  body: ts.Statement;
  loop: AwaitingLoop;
  /** Names the loop binds (`order` in `for (const order of orders)`). */
  itemNames: ReadonlySet<string>;
}

interface Walk {
  ast: ts.SourceFile;
  /** Names imported from the data layer (`@/queries`, `./repositories/…`). */
  imports: ReadonlySet<string>;
  /** Each `for` loop a search went through, with its facts when it runs per item (null otherwise). */
  scopes: Map<ts.Node, LoopScope | null>;
  loops: Set<AwaitingLoop>;
}

function awaitingLoops(file: ParsedFile): AwaitingLoop[] {
  const ast = file.ast;
  if (!ast || !file.text.includes("await")) return [];
  const walk: Walk = { ast, imports: dataModuleImports(ast), scopes: new Map(), loops: new Set() };
  for (const node of nodesOfKind<ts.AwaitExpression>(ast, ts.SyntaxKind.AwaitExpression)) recordAwait(walk, node);
  return [...walk.loops];
}

/** An await in the body of a per-item loop marks the loop as awaiting, and is a finding when it queries. */
function recordAwait(walk: Walk, node: ts.AwaitExpression): void {
  const scope = loopAround(walk, node);
  if (!scope) return;
  walk.loops.add(scope.loop);
  const callee = dataAccessCallee(node.expression, walk.imports, walk.ast, scope.itemNames);
  if (callee) scope.loop.queries.push({ line: lineOf(walk.ast, node), callee, text: shortText(node.expression) });
}

/**
 * The innermost per-item loop whose body holds the node, or null. A function stops the search: its body runs when
 * called, not per item of an outer loop. The loop's header (its collection) runs outside it.
 */
function loopAround(walk: Walk, node: ts.Node): LoopScope | null {
  for (let child = node, parent = node.parent; !ts.isSourceFile(parent) && !ts.isFunctionLike(parent); child = parent, parent = parent.parent) {
    const scope = loopScope(walk, parent);
    if (scope && scope.body === child) return scope;
  }
  return null;
}

const FOR_LOOPS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForOfStatement]);

/** The facts of a per-item loop, made once per loop; null for any other node. */
function loopScope(walk: Walk, node: ts.Node): LoopScope | null {
  if (!FOR_LOOPS.has(node.kind)) return null;
  const known = walk.scopes.get(node);
  if (known !== undefined) return known;
  const body = collectionLoopBody(node);
  const scope = body ? newLoopScope(walk.ast, node as LoopNode, body) : null;
  walk.scopes.set(node, scope);
  return scope;
}

type LoopNode = ts.IterationStatement & { initializer?: ts.Node };

function newLoopScope(ast: ts.SourceFile, loop: LoopNode, body: ts.Statement): LoopScope {
  const around = enclosingFunction(loop);
  const name = around ? functionName(around, ast) : MODULE_LEVEL;
  return { body, loop: { function: name, header: loopHeader(loop), queries: [] }, itemNames: boundNames(loop.initializer) };
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | null {
  for (let current = node.parent; !ts.isSourceFile(current); current = current.parent) if (ts.isFunctionLike(current)) return current;
  return null;
}

/**
 * The body of a loop that runs once per data item: `for…of`, `for…in`, and counting loops bounded by a `.length` or
 * `.size`. Not: loops over groups, chunks or batches (one query per batch is the cure, not the disease), loops over
 * database handles (each connection is its own database), and loops over a fixed list written in the code (an array
 * literal, an UPPER_SNAKE constant), whose length does not grow with the data.
 */
function collectionLoopBody(node: ts.Node): ts.Statement | null {
  const isPerItem =
    ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !isFixedList(node.expression)) ||
    (ts.isForStatement(node) && node.condition !== undefined && /\.(?:length|size)\b/.test(node.condition.getText()));
  if (!isPerItem || NOT_DATA_ITEMS.test(headerOf(node as ts.IterationStatement))) return null;
  return (node as ts.IterationStatement).statement;
}

const NOT_DATA_ITEMS = /group|chunk|batch|\b(?:connection|dataSource|database|shard|queryRunner)s?\b/i;
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

function isFixedList(expression: ts.Expression): boolean {
  if (ts.isArrayLiteralExpression(expression)) return true;
  const name = ts.isPropertyAccessExpression(expression) ? expression.name : expression;
  return ts.isIdentifier(name) && CONSTANT_NAME.test(name.text);
}

/** Identifiers a loop initializer declares, destructured ones included. */
function boundNames(initializer: ts.Node | undefined): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isBindingElement(node) || ts.isVariableDeclaration(node)) {
      if (ts.isIdentifier(node.name)) names.add(node.name.text);
      else ts.forEachChild(node.name, visit);
    } else ts.forEachChild(node, visit);
  };
  if (initializer) visit(initializer);
  return names;
}

/** `for (const order of orders)`: the loop up to its closing parenthesis. */
function headerOf(loop: ts.IterationStatement): string {
  return loop.getSourceFile().text.slice(loop.getStart(), loop.statement.getFullStart()).trim();
}

const MAX_TEXT = 80;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function loopHeader(loop: ts.IterationStatement): string {
  return shorten(headerOf(loop));
}

function shortText(node: ts.Node): string {
  return shorten(node.getText());
}

function functionName(node: ts.SignatureDeclaration, ast: ts.SourceFile): string {
  if (node.name) return ts.isIdentifier(node.name) ? node.name.text : node.name.getText(ast);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(ast);
  return ts.isConstructorDeclaration(node) ? "constructor" : "<anonymous function>";
}
