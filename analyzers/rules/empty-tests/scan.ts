import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKind, nodesOfKinds } from "../../source/walk";

/** One test case as `collect` records it. */
export interface TestCase {
  name: string;
  line: number;
  endLine: number;
  isAsserting: boolean;
}

export interface TestFacts {
  cases: TestCase[];
  /** `it.skip`, `it.todo`, `xit`, and cases without a body: they run nothing, so they are not judged. */
  skipped: number;
}

type TestKind = "run" | "skip";

/** Functions that declare a test case (Jest, Vitest, Mocha, Jasmine, Playwright, node:test, ava, tap). */
const TEST_FUNCTIONS: ReadonlyMap<string, TestKind> = new Map([
  ["it", "run"], ["test", "run"], ["specify", "run"], ["fit", "run"], ["ftest", "run"],
  ["xit", "skip"], ["xtest", "skip"], ["xspecify", "skip"],
]);
/** Modifiers after which the case still runs: `it.only`, `it.each(table)`, `test.concurrent`, `it.skipIf(cond)`… */
const RUNNING_MODIFIERS = new Set(["only", "concurrent", "each", "failing", "fails", "fail", "sequential", "serial", "runIf", "skipIf", "for"]);
const SKIPPING_MODIFIERS = new Set(["skip", "todo", "fixme"]);
/** Names that are assertions wherever they appear: `expect(…)`, `assert.equal`, chai's `x.should`, `expectTypeOf`. */
const ASSERTION_WORDS = new Set(["expect", "assert", "should", "expectTypeOf", "assertType"]);
/** A called name that starts with one of these words (then ends or goes on in upper case) is an assertion helper. */
const ASSERTION_NAME = /^(?:expect|assert|verify|check|should)(?:$|[A-Z_0-9])/;
/** Assertion methods of a test context passed as the callback's first parameter (ava's `t.is`, tap's `t.equal`). */
const CONTEXT_ASSERTIONS = new Set([
  "is", "not", "deepEqual", "notDeepEqual", "like", "unlike", "true", "false", "truthy", "falsy", "throws", "throwsAsync",
  "notThrows", "notThrowsAsync", "regex", "notRegex", "snapshot", "pass", "fail", "equal", "notEqual", "strictEqual",
  "notStrictEqual", "ok", "notOk", "same", "notSame", "match", "notMatch", "has", "hasStrict", "error", "plan", "resolves", "rejects",
]);
const MAX_NAME = 120;
/** A title stating that the case checks that nothing throws: the test framework's own failure on a throw is the assertion. */
const NOTHING_THROWS = /\b(?:not|never|no|without)\b[^.]{0,30}\b(?:throw|throws|throwing|crash|crashes|crashing|errors?|exceptions?|fail|fails|failing)\b/i;

/** What one function body does: whether it asserts by itself, and which functions (by plain name) it calls. */
interface BodyScan {
  isAsserting: boolean;
  calls: Set<string>;
}

interface PendingCase extends Omit<TestCase, "isAsserting"> {
  scan: BodyScan;
}

/** Declarations that can name a helper: functions, and variables holding one. */
const HELPER_KINDS = [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.VariableDeclaration];

/** What one pass over a test file gathers. */
interface Walk {
  pending: PendingCase[];
  helpers: Map<string, BodyScan>;
  skipped: number;
}

/** Test cases of a test file, each judged on whether its body (or a helper of the same file it calls) asserts. */
export function scanTestFile(file: ParsedFile): TestFacts {
  const ast = file.ast;
  if (!ast || !/\b(?:it|test|specify|fit|ftest|xit|xtest|xspecify)\b/.test(file.text)) return { cases: [], skipped: 0 };
  const walk: Walk = { pending: [], helpers: new Map(), skipped: 0 };
  for (const call of nodesOfKind<ts.CallExpression>(ast, ts.SyntaxKind.CallExpression)) recordCall(call, ast, walk);
  // Source order across both kinds: of two helpers with one name, the later one wins.
  for (const node of nodesOfKinds(ast, HELPER_KINDS)) {
    const helper = helperOf(node);
    if (helper) walk.helpers.set(helper.name, scanBody(helper.body, null));
  }
  const asserting = assertingHelpers(walk.helpers);
  const cases = walk.pending.map(({ scan, ...rest }) => ({ ...rest, isAsserting: scan.isAsserting || [...scan.calls].some((name) => asserting.has(name)) }));
  return { cases, skipped: walk.skipped };
}

function recordCall(call: ts.CallExpression, ast: ts.SourceFile, walk: Walk): void {
  const kind = testKind(call.expression);
  if (kind === "skip") walk.skipped += 1;
  if (kind !== "run") return;
  const found = testCaseOf(call, ast);
  if (found) walk.pending.push(found);
  else if (isTodo(call)) walk.skipped += 1;
}

/** Whether a callee declares a test case that runs, one that is skipped, or is no test at all. */
function testKind(callee: ts.Expression): TestKind | null {
  if (ts.isIdentifier(callee)) return TEST_FUNCTIONS.get(callee.text) ?? null;
  if (ts.isCallExpression(callee)) return testKind(callee.expression); // it.each(table)(…), it.skipIf(cond)(…)
  if (ts.isTaggedTemplateExpression(callee)) return testKind(callee.tag); // it.each`table`(…)
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const base = testKind(callee.expression);
  if (base === null) return null;
  if (SKIPPING_MODIFIERS.has(callee.name.text)) return "skip";
  return RUNNING_MODIFIERS.has(callee.name.text) ? base : null;
}

/** `it("…")` with a title and nothing to run is Jest's todo; `it.each(table)` alone is only half of a case. */
function isTodo(call: ts.CallExpression): boolean {
  return call.arguments.length === 1 && ts.isStringLiteralLike(call.arguments[0] ?? call);
}

/**
 * The case's name and body; null when it has no body (a todo). A body passed by reference cannot be read and counts as
 * asserting, as does a case whose title says the point is that nothing throws ("does not throw", "without errors").
 */
function testCaseOf(call: ts.CallExpression, ast: ts.SourceFile): PendingCase | null {
  const [title, ...rest] = call.arguments;
  if (!title || rest.length === 0) return null;
  const name = (ts.isStringLiteralLike(title) ? title.text : title.getText(ast)).slice(0, MAX_NAME);
  const place = { name, line: lineOf(ast, call), endLine: ast.getLineAndCharacterOfPosition(call.getEnd()).line + 1 };
  const body = rest.find(isInlineFunction);
  const isUnreadable = !body || NOTHING_THROWS.test(name);
  return { ...place, scan: isUnreadable ? { isAsserting: true, calls: new Set() } : scanBody(body.body, contextName(body)) };
}

function isInlineFunction(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** The test context parameter (`t` in `test("x", (t) => …)`), whose assertion methods count. */
function contextName(body: ts.ArrowFunction | ts.FunctionExpression): string | null {
  const context = body.parameters[0]?.name;
  return context && ts.isIdentifier(context) ? context.text : null;
}

/** A named function of the test file (declaration, or a variable holding an arrow or function expression). */
function helperOf(node: ts.Node): { name: string; body: ts.Node } | null {
  if (ts.isFunctionDeclaration(node) && node.name && node.body) return { name: node.name.text, body: node.body };
  if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return null;
  const value = node.initializer;
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? { name: node.name.text, body: value.body } : null;
}

function scanBody(body: ts.Node, context: string | null): BodyScan {
  const scan: BodyScan = { isAsserting: false, calls: new Set() };
  const visit = (node: ts.Node): void => {
    if (scan.isAsserting) return;
    if (ts.isIdentifier(node) && ASSERTION_WORDS.has(node.text)) scan.isAsserting = true;
    else if (ts.isCallExpression(node)) judgeCall(node, context, scan);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return scan;
}

function judgeCall(call: ts.CallExpression, context: string | null, scan: BodyScan): void {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    scan.calls.add(callee.text);
    if (ASSERTION_NAME.test(callee.text)) scan.isAsserting = true;
    return;
  }
  if (!ts.isPropertyAccessExpression(callee)) return;
  const method = callee.name.text;
  const isContextAssertion = context !== null && ts.isIdentifier(callee.expression) && callee.expression.text === context && CONTEXT_ASSERTIONS.has(method);
  if (ASSERTION_NAME.test(method) || isContextAssertion) scan.isAsserting = true;
}

/** Helpers that assert, directly or through other helpers of the same file. */
function assertingHelpers(helpers: ReadonlyMap<string, BodyScan>): Set<string> {
  const asserting = new Set([...helpers].filter(([, scan]) => scan.isAsserting).map(([name]) => name));
  for (let isGrowing = true; isGrowing; ) {
    isGrowing = false;
    for (const [name, scan] of helpers) {
      if (asserting.has(name) || ![...scan.calls].some((called) => asserting.has(called))) continue;
      asserting.add(name);
      isGrowing = true;
    }
  }
  return asserting;
}
