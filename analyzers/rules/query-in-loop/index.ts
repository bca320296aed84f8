import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isConfigFile, isTestFile } from "../../source/roles";
import { dataAccessCallee, dataModuleImports } from "./data-access";
import { offsetsOf, startsWithin } from "./offsets";

/** Beside tests and tool configuration: scripts, command-line entry points, examples, seeds and migrations that run once. */
const NOT_PRODUCTION = /(?:^|\/)(?:scripts?|bin|examples?|seeds?|seeders|migrations?)\//;

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
  collect: (file) => (isTestFile(file.path) || isConfigFile(file.path) || NOT_PRODUCTION.test(file.path) ? [] : awaitingLoops(file)),
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

interface Scope {
  /** The enclosing function, named only when a loop needs it (naming every function would cost a text read each). */
  function: ts.SignatureDeclaration | null;
  loop: AwaitingLoop | null;
  /** Names the innermost per-item loop binds (`order` in `for (const order of orders)`). */
  itemNames: ReadonlySet<string>;
}

const NO_NAMES: ReadonlySet<string> = new Set();

interface Walk {
  ast: ts.SourceFile;
  /** Names imported from the data layer (`@/queries`, `./repositories/…`). */
  imports: ReadonlySet<string>;
  loops: Set<AwaitingLoop>;
  /** Where the walk is now; saved and restored around functions and loop bodies. */
  scope: Scope;
  /** Visits a child in the current scope: one callback per file instead of one per node. */
  step: (node: ts.Node) => void;
  /** Offsets of every `await` in the text, ascending: subtrees without one are skipped. */
  awaits: number[];
}

function awaitingLoops(file: ParsedFile): AwaitingLoop[] {
  const ast = file.ast;
  if (!ast || !file.text.includes("await")) return [];
  const awaits = offsetsOf(/\bawait\b/g, file.text);
  const walk: Walk = { ast, imports: dataModuleImports(ast), loops: new Set(), scope: { function: null, loop: null, itemNames: NO_NAMES }, step: () => undefined, awaits };
  walk.step = (node) => visit(walk, node);
  visit(walk, ast);
  return [...walk.loops];
}

/** Walks the tree once; a function starts a new scope (its body runs when called, not per item of an outer loop). */
function visit(walk: Walk, node: ts.Node): void {
  if (!startsWithin(walk.awaits, node)) return;
  if (ts.isFunctionLike(node)) return within(walk, { function: node, loop: null, itemNames: NO_NAMES }, () => ts.forEachChild(node, walk.step));
  const scope = walk.scope;
  if (ts.isAwaitExpression(node) && scope.loop) {
    walk.loops.add(scope.loop);
    const callee = dataAccessCallee(node.expression, walk.imports, walk.ast, scope.itemNames);
    if (callee) scope.loop.queries.push({ line: lineOf(walk.ast, node), callee, text: shortText(node.expression) });
  }
  const body = collectionLoopBody(node);
  if (!body) return void ts.forEachChild(node, walk.step);
  const loop = node as ts.IterationStatement & { initializer?: ts.Node };
  const name = scope.function ? functionName(scope.function, walk.ast) : MODULE_LEVEL;
  const inside: Scope = { ...scope, loop: { function: name, header: loopHeader(loop), queries: [] }, itemNames: boundNames(loop.initializer) };
  ts.forEachChild(node, (child) => (child === body ? within(walk, inside, () => visit(walk, child)) : visit(walk, child)));
}

function within(walk: Walk, scope: Scope, run: () => void): void {
  const saved = walk.scope;
  walk.scope = scope;
  run();
  walk.scope = saved;
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
