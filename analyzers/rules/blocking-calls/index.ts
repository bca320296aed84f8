import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isProductionCode } from "../../source/roles";
import { nodesOfKind, nodesOfKinds } from "../../source/walk";
import { offsetsOf, startsWithin } from "../../source/offsets";
import { asyncAlternative, isBlockingCall } from "./calls";

const options = z.strictObject({
  /** Synchronous calls accepted in async code. `existsSync` by default: one stat, and its async twin is deprecated. */
  allow: z.array(z.string()).default(["existsSync"]),
  /** Extra path patterns (regular expressions) where blocking is fine, e.g. a command-line folder. */
  allowIn: z.array(z.string()).default([]),
});

/** What `collect` keeps of a file: how many async functions and handlers it has, and the blocking calls inside them. */
export interface BlockingFacts {
  asyncFunctions: number;
  /** `text` is the call as written, shortened: it tells two calls of one function apart. */
  calls: Array<{ owner: string; call: string; line: number; text: string }>;
}

/** `[ASYNC]`: synchronous I/O and slow computations that stall every other request while an async function waits. */
export const blockingCalls = defineAnalyzer({
  meta: {
    id: "blocking-calls",
    guideTags: ["ASYNC"],
    section: "performance",
    description: "Synchronous file, process, compression and key-derivation calls inside async functions and request handlers.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of async functions and request handlers without a blocking call, in percent; not applicable without any.",
  },
  collect: (file) => (isProductionCode(file.path) ? blockingFacts(file) : NO_FACTS),
  combine({ files, options: { allow, allowIn } }) {
    const allowedPaths = allowIn.map((pattern) => new RegExp(pattern));
    const judged = files.filter((file) => !allowedPaths.some((pattern) => pattern.test(file.path)));
    const asyncFunctions = judged.reduce((sum, file) => sum + file.facts.asyncFunctions, 0);
    const findings = judged.flatMap((file) => file.facts.calls.filter((call) => !allow.includes(call.call)).map((call): FindingDraft => ({
      file: file.path,
      line: call.line,
      endLine: call.line,
      message: `${call.call} blocks the event loop in ${call.owner}: await ${asyncAlternative(call.call)} instead, so other requests are served meanwhile.`,
      identity: [call.owner, call.call, call.text],
      snippet: call.text,
    })));
    const blockingOwners = (active: readonly FindingDraft[]) => new Set(active.map((finding) => `${finding.file}\u0000${finding.identity[0] ?? ""}`)).size;
    return {
      findings,
      metrics: { asyncFunctions, blockingFunctions: blockingOwners(findings), blockingCalls: findings.length },
      score: (active) => complianceRatioScore(asyncFunctions - blockingOwners(active), asyncFunctions),
    };
  },
});

/** Async functions say `async`; handlers take a `req` or `request`, or live in a route file. */
const CAN_HOLD_UNITS = /\basync\b|\breq(?:uest)?\b/;

const SYNC_CALL = /Sync\s*\(/;
const MARKERS = /\basync\b|\breq(?:uest)?\b|Sync\b/g;

/** Code run in a worker thread blocks only that worker: that is what workers are for. */
const WORKER_THREAD = /\bparentPort\b/;

const NO_FACTS: BlockingFacts = { asyncFunctions: 0, calls: [] };

type FunctionNode = ts.FunctionLikeDeclaration;

/** Function-like declarations that have a body to run: what `ts.isFunctionLike` and a body select. */
const FUNCTION_KINDS = [
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction,
];

interface Walk {
  ast: ts.SourceFile;
  isRouteFile: boolean;
  /** Without any `…Sync(` in the file there is nothing to report: functions are counted, not named. */
  hasSyncCalls: boolean;
  facts: BlockingFacts;
  /**
   * Offsets of the words a unit or a call needs (`async`, `req`, `request`, `…Sync`): nodes without one are skipped.
   * Null in route files, where `export const GET = () => …` names its handler outside the function.
   */
  markers: number[] | null;
  /** How many owners of each name were seen, to tell two `<callback of app.get>` apart. */
  names: Map<string, number>;
  /** Each function with a body → the async function or handler its body runs for, or null. */
  owners: Map<ts.Node, string | null>;
}

function blockingFacts(file: ParsedFile): BlockingFacts {
  const ast = file.ast;
  const isRouteFile = ROUTE_FILE.test(file.path);
  if (!ast || !(isRouteFile || CAN_HOLD_UNITS.test(file.text)) || WORKER_THREAD.test(file.text)) return NO_FACTS;
  const markers = isRouteFile ? null : offsetsOf(MARKERS, file.text);
  const walk: Walk = { ast, isRouteFile, hasSyncCalls: SYNC_CALL.test(file.text), markers, facts: { asyncFunctions: 0, calls: [] }, names: new Map(), owners: new Map() };
  const calls = nodesOfKind<ts.CallExpression>(ast, ts.SyntaxKind.CallExpression).filter((node) => isBlockingCall(node) !== null && isMarked(walk, node));
  if (calls.length === 0) return { asyncFunctions: countUnits(walk), calls: [] };
  // Source order, so an enclosing function is settled before the ones inside it and names are numbered as they come.
  for (const node of nodesOfKinds<FunctionNode>(ast, FUNCTION_KINDS)) if (node.body && isMarked(walk, node)) settleOwner(walk, node);
  for (const node of calls) recordCall(walk, node);
  return walk.facts;
}

/** Without a blocking call the units are only counted: no owner is named, so the order does not matter. */
function countUnits(walk: Walk): number {
  const counting: Walk = { ...walk, hasSyncCalls: false };
  let count = 0;
  for (const kind of FUNCTION_KINDS) {
    for (const node of nodesOfKind<FunctionNode>(walk.ast, kind)) if (node.body && isMarked(walk, node) && unitLabel(node, counting) !== null) count += 1;
  }
  return count;
}

/** Whether a node holds one of the words a unit or a call needs (always in route files). */
function isMarked(walk: Walk, node: ts.Node): boolean {
  return walk.markers === null || startsWithin(walk.markers, node);
}

/** Counts a function that is itself async or a handler, and records whom its body runs for. */
function settleOwner(walk: Walk, node: FunctionNode): void {
  const unit = unitLabel(node, walk);
  if (unit !== null) walk.facts.asyncFunctions += 1;
  const owner = unit !== null ? uniqueName(unit, walk.names) : isInPlaceCallback(node) ? ownerAround(walk, node) : null;
  walk.owners.set(node, owner);
}

/** The owner the nearest enclosing function with a body gives its code; null at the top level. */
function ownerAround(walk: Walk, node: ts.Node): string | null {
  for (let current = node.parent; !ts.isSourceFile(current); current = current.parent) {
    const owner = walk.owners.get(current);
    if (owner !== undefined) return owner;
  }
  return null;
}

function recordCall(walk: Walk, node: ts.CallExpression): void {
  const call = isBlockingCall(node);
  if (call === null) return;
  const owner = ownerAround(walk, node);
  if (owner !== null) walk.facts.calls.push({ owner, call, line: lineOf(walk.ast, node), text: shortText(node, walk.ast) });
}

const MAX_TEXT = 100;

function shortText(node: ts.Node, ast: ts.SourceFile): string {
  const text = node.getText(ast).replace(/\s+/g, " ");
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** `load`, then `load#2` for a second function of the same name in the file. */
function uniqueName(name: string, seen: Map<string, number>): string {
  const ordinal = (seen.get(name) ?? 0) + 1;
  seen.set(name, ordinal);
  return ordinal === 1 ? name : `${name}#${ordinal}`;
}

/** `async function load` or `request handler GET` when the function is itself async or a request handler, else null. */
function unitLabel(node: FunctionNode, { ast, isRouteFile, hasSyncCalls }: Walk): string | null {
  const name = () => (hasSyncCalls ? functionName(node, ast) : "");
  if (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) return `async function ${name()}`;
  if (isRequestHandler(node) || (isRouteFile && HTTP_METHODS.has(declaredName(node)))) return `request handler ${name()}`;
  return null;
}

/** A synchronous callback passed to a call (`items.map(…)`, `new Promise(…)`) runs for the function around it. */
function isInPlaceCallback(node: FunctionNode): boolean {
  const parent = node.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression) === true;
}

const REQUEST = /^(?:req|request)$/;
const RESPONSE = /^(?:res|response|reply)$/;

/** Express, Fastify and Next.js pages API handlers: `(req, res) => …`. */
function isRequestHandler(node: FunctionNode): boolean {
  const [first, second] = node.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : ""));
  return first !== undefined && second !== undefined && REQUEST.test(first) && RESPONSE.test(second);
}

/** Next.js app-router route handlers: `GET`, `POST`… exported from `app/**\/route.ts`. */
const ROUTE_FILE = /(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/;
const HTTP_METHODS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** `GET` in `function GET()` and in `const GET = () => …`; empty otherwise. */
function declaredName(node: FunctionNode): string {
  const name = node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined);
  return name && ts.isIdentifier(name) ? name.text : "";
}

function functionName(node: FunctionNode, ast: ts.SourceFile): string {
  if (node.name) return ts.isIdentifier(node.name) ? node.name.text : node.name.getText(ast);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(ast);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (ts.isCallExpression(parent)) return `<callback of ${parent.expression.getText(ast).replace(/\s+/g, "").slice(0, 40)}>`;
  return "<anonymous function>";
}
