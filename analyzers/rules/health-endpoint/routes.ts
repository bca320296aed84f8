import { ts } from "ts-morph";
import { lineOf, type ParsedFile } from "../../source/parse";
import { nodesOfKinds } from "../../source/walk";

/** What one file tells about HTTP serving: where it starts a server, and the health-like routes it registers. */
export interface ServingFacts {
  server: { line: number; kind: string } | null;
  /** Route paths that name a health endpoint (at most a few). */
  healthRoutes: string[];
}

const EMPTY: ServingFacts = { server: null, healthRoutes: [] };
const MAX_ROUTES = 5;
/** A server is only made from these modules (imported or required by name) or Bun's and Deno's globals. */
const SERVER_HINT = /["'](?:express|fastify|koa|hono|elysia|@hapi\/hapi|@nestjs\/core|(?:node:)?https?|(?:node:)?http2)["']|\b(?:Bun|Deno)\.serve\b/;
/** A quoted path (`"/health"`, `'/api/ping'`) or a Nest decorator argument (`@Controller("health")`) with a health word. */
const HEALTH_HINT = /(?:["'`]\/|@(?:Get|Head|All|Controller)\(\s*["'`])[^"'`\n]*?(?:health|livez|readyz|liveness|readiness|heartbeat|alive|ready|ping|status)/i;

/**
 * What a called or constructed name was imported as (`module` for a default or namespace import, `module#name` for a
 * named one, `node:` dropped) → the server it starts: `express()`, `new Koa()`, `new Hono()`, `http.createServer()`.
 */
const SERVER_ORIGINS: Readonly<Record<string, string>> = {
  express: "express",
  fastify: "fastify",
  "fastify#fastify": "fastify",
  koa: "koa",
  "hono#Hono": "hono",
  "elysia#Elysia": "elysia",
  "@hapi/hapi#server": "hapi",
  "@nestjs/core#NestFactory#create": "nestjs",
  ...Object.fromEntries(["http", "https", "http2"].flatMap((module) => ["createServer", "createSecureServer"].map((name) => [`${module}#${name}`, "node:http"]))),
};
/** Method names that register a route: HTTP verbs and the routers' `use`, `all`, `route`, `on`. */
const ROUTE_METHODS = new Set(["get", "head", "options", "post", "put", "patch", "delete", "all", "any", "use", "route", "on", "register"]);
const ROUTE_DECORATORS = new Set(["Get", "Head", "All", "Controller"]);
const ROUTE_KEYS = new Set(["url", "path", "route"]);

/** A segment anywhere in the path that names a health check. */
const HEALTH_SEGMENT = /^_?(?:health|healthz|healthcheck|health-check|health_check|livez|readyz|liveness|readiness|heartbeat|alive|ready)$/i;
/** `ping` and `status` are health checks only at the top of the API (`/status`, `/api/v1/ping`), not `/orders/:id/status`. */
const TOP_SEGMENT = /^_?(?:ping|status)$/i;
const PREFIX_SEGMENT = /^(?:api|v\d+|internal|_?system)$/i;

/** True when a URL path (or Nest's bare `health`) names a health endpoint. */
export function isHealthPath(route: string): boolean {
  const segments = route.split(/[/?#]/).filter(Boolean);
  if (segments.some((segment) => HEALTH_SEGMENT.test(segment))) return true;
  const last = segments.at(-1) ?? "";
  return TOP_SEGMENT.test(last) && segments.slice(0, -1).every((segment) => PREFIX_SEGMENT.test(segment));
}

/** Nodes that can start a server (calls, `new`) or name a route (calls, property assignments). */
const SERVING_KINDS = [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.PropertyAssignment];

/** One pass over the file's calls and properties: server creation (by what its callee was imported from) and health-like route literals. */
export function servingFacts(file: ParsedFile): ServingFacts {
  const ast = file.ast;
  const hasServerHint = SERVER_HINT.test(file.text);
  if (!ast || (!hasServerHint && !HEALTH_HINT.test(file.text))) return EMPTY;
  const origins = hasServerHint ? importOrigins(ast) : new Map<string, string>();
  const facts: ServingFacts = { server: null, healthRoutes: [] };
  for (const node of nodesOfKinds(ast, SERVING_KINDS)) {
    const kind = hasServerHint && facts.server === null ? serverKind(node, origins) : null;
    if (kind) facts.server = { line: lineOf(ast, node), kind };
    const route = routeLiteral(node);
    if (route !== null && isHealthPath(route) && facts.healthRoutes.length < MAX_ROUTES) facts.healthRoutes.push(route.slice(0, 120));
  }
  return facts;
}

/** Local name → module it was imported or required from (`module`, or `module#name` for a named binding). */
function importOrigins(ast: ts.SourceFile): Map<string, string> {
  const origins = new Map<string, string>();
  for (const statement of ast.statements) {
    if (ts.isImportDeclaration(statement)) recordImport(statement, origins);
    else if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) recordRequire(declaration, origins);
  }
  return origins;
}

function recordImport(statement: ts.ImportDeclaration, origins: Map<string, string>): void {
  if (!ts.isStringLiteral(statement.moduleSpecifier)) return;
  const from = statement.moduleSpecifier.text.replace(/^node:/, "");
  const clause = statement.importClause;
  if (clause?.name) origins.set(clause.name.text, from);
  const bindings = clause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) origins.set(bindings.name.text, from);
  else if (bindings) recordNamedImports(bindings, from, origins);
}

function recordNamedImports(bindings: ts.NamedImports, from: string, origins: Map<string, string>): void {
  for (const element of bindings.elements) origins.set(element.name.text, `${from}#${(element.propertyName ?? element.name).text}`);
}

/** `const express = require("express")` and `const { createServer } = require("http")`. */
function recordRequire(declaration: ts.VariableDeclaration, origins: Map<string, string>): void {
  const from = requiredModule(declaration.initializer);
  if (from === null) return;
  if (ts.isIdentifier(declaration.name)) origins.set(declaration.name.text, from);
  if (!ts.isObjectBindingPattern(declaration.name)) return;
  for (const element of declaration.name.elements) {
    const imported = element.propertyName ?? element.name;
    if (ts.isIdentifier(element.name) && ts.isIdentifier(imported)) origins.set(element.name.text, `${from}#${imported.text}`);
  }
}

function requiredModule(init: ts.Expression | undefined): string | null {
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== "require") return null;
  const specifier = init.arguments[0];
  return specifier && ts.isStringLiteral(specifier) ? specifier.text.replace(/^node:/, "") : null;
}

function serverKind(node: ts.Node, origins: ReadonlyMap<string, string>): string | null {
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return null;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return SERVER_ORIGINS[origins.get(callee.text) ?? ""] ?? null;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? methodServerKind(callee.expression.text, callee.name.text, origins) : null;
}

/** `http.createServer()`, `NestFactory.create()`, `Hapi.server()`, `Bun.serve()`. */
function methodServerKind(owner: string, method: string, origins: ReadonlyMap<string, string>): string | null {
  if (method === "serve" && (owner === "Bun" || owner === "Deno")) return owner.toLowerCase();
  const origin = origins.get(owner);
  return origin ? (SERVER_ORIGINS[`${origin}#${method}`] ?? null) : null;
}

/** A route path written as a literal: `app.get("/health", …)`, `@Get("health")`, `{ url: "/healthz" }`, `"/ping": handler`. */
function routeLiteral(node: ts.Node): string | null {
  if (ts.isCallExpression(node)) return callRoute(node);
  return ts.isPropertyAssignment(node) ? propertyRoute(node) : null;
}

function callRoute(call: ts.CallExpression): string | null {
  const first = call.arguments[0];
  if (!first || !ts.isStringLiteralLike(first)) return null;
  const callee = call.expression;
  if (ts.isDecorator(call.parent)) return ts.isIdentifier(callee) && ROUTE_DECORATORS.has(callee.text) ? first.text : null;
  const isRoute = ts.isPropertyAccessExpression(callee) && ROUTE_METHODS.has(callee.name.text) && call.arguments.length >= 2;
  return isRoute && first.text.startsWith("/") ? first.text : null;
}

function propertyRoute(property: ts.PropertyAssignment): string | null {
  const key = property.name;
  if (ts.isStringLiteral(key)) return key.text.startsWith("/") ? key.text : null;
  const value = property.initializer;
  const isRouteValue = ts.isIdentifier(key) && ROUTE_KEYS.has(key.text) && ts.isStringLiteralLike(value);
  return isRouteValue && value.text.startsWith("/") ? value.text : null;
}
