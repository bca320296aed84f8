import path from "node:path";
import { ts } from "ts-morph";
import type { ParsedFile } from "../../source/parse";
import { isConfigFile, isTestFile, isToolingPath } from "../../source/roles";

/** What one file says about end-to-end testing and about the kind of application the repository is. */
export interface E2eFacts {
  /** The end-to-end tool this file configures or drives, e.g. "playwright", or null. */
  tool: string | null;
  /** "ui" for browser code, "http" for an HTTP server or route handler, null for neither. */
  app: AppKind | null;
}

export type AppKind = "ui" | "http";

/** Configuration files of end-to-end runners, by file name. */
const RUNNER_CONFIGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^playwright(?:-ct)?\.config\./, "playwright"],
  [/^cypress\.config\./, "cypress"],
  [/^wdio(?:\.[\w-]+)?\.conf\./, "webdriverio"],
  [/^nightwatch\.conf\./, "nightwatch"],
  [/^codecept\.conf\./, "codeceptjs"],
  [/^jest-puppeteer\.config\./, "puppeteer"],
  [/^\.detoxrc\./, "detox"],
];
/** Packages that drive a browser or a running server from the outside. */
const E2E_PACKAGES: ReadonlyMap<string, string> = new Map([
  ["@playwright/test", "playwright"], ["playwright", "playwright"], ["playwright-core", "playwright"], ["cypress", "cypress"],
  ["puppeteer", "puppeteer"], ["puppeteer-core", "puppeteer"], ["webdriverio", "webdriverio"], ["@wdio/globals", "webdriverio"],
  ["selenium-webdriver", "selenium"], ["nightwatch", "nightwatch"], ["testcafe", "testcafe"], ["detox", "detox"],
  ["supertest", "supertest"], ["light-my-request", "light-my-request"], ["pactum", "pactum"],
]);
const UI_PACKAGES = new Set(["react", "react-dom", "next", "vue", "svelte", "@angular/core", "solid-js", "preact", "nuxt", "astro", "@sveltejs/kit", "@remix-run/react", "lit", "react-native", "expo"]);
const HTTP_PACKAGES = new Set(["express", "fastify", "koa", "@hapi/hapi", "hapi", "hono", "@nestjs/core", "@nestjs/common", "restify", "polka", "h3", "elysia", "@remix-run/node", "@trpc/server", "@apollo/server", "apollo-server"]);
const NODE_HTTP = new Set(["http", "node:http", "https", "node:https"]);
/** Next.js route handlers and API routes: an HTTP surface even when they import nothing. */
const ROUTE_FILE = /(?:^|\/)app\/(?:.+\/)?route\.[cm]?[jt]sx?$|(?:^|\/)pages\/api\//;
const E2E_SPEC = /\.(?:cy|e2e)\.[cm]?[jt]sx?$/;
const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;
/** Cypress specs use the global `cy` and import nothing. */
const CYPRESS_COMMAND = /\bcy\.(?:visit|request|get|mount)\(/;
/** Fastify's `app.inject({ method, url })` sends real requests through the server's routing. */
const INJECT_CALL = /\.inject\(\s*\{[^}]*\burl\b/;

/** Facts of one file: the end-to-end tool it belongs to, or the kind of application code it is. */
export function e2eFacts(file: ParsedFile): E2eFacts {
  const runner = RUNNER_CONFIGS.find(([name]) => name.test(path.posix.basename(file.path)));
  if (runner) return { tool: runner[1], app: null };
  const packages = importedPackages(file);
  const tool = isTestCode(file.path) ? (packages.map((name) => E2E_PACKAGES.get(name)).find((found) => found !== undefined) ?? testFileTool(file)) : null;
  if (tool || packages.includes("@playwright/test")) return { tool: tool ?? "playwright", app: null };
  const isProduct = !isTestFile(file.path) && !isConfigFile(file.path) && !isToolingPath(file.path);
  return { tool: null, app: isProduct ? appKind(file, packages) : null };
}

/**
 * Test files, Cypress and `*.e2e.*` specs, and tooling folders such as `e2e/`: a browser driver imported by production
 * code (puppeteer rendering PDFs) is no test suite.
 */
function isTestCode(file: string): boolean {
  return isTestFile(file) || E2E_SPEC.test(file) || isToolingPath(file);
}

function testFileTool(file: ParsedFile): string | null {
  if (CYPRESS_COMMAND.test(file.text)) return "cypress";
  return INJECT_CALL.test(file.text) ? "inject" : null;
}

function appKind(file: ParsedFile, packages: readonly string[]): AppKind | null {
  if (packages.some((name) => HTTP_PACKAGES.has(name)) || ROUTE_FILE.test(file.path)) return "http";
  if (packages.some((name) => NODE_HTTP.has(name)) && file.text.includes("createServer(")) return "http";
  if (packages.some((name) => UI_PACKAGES.has(name))) return "ui";
  // The automatic JSX runtime needs no import: a .tsx/.jsx file with markup is UI code.
  return /\.[jt]sx$/.test(file.path) && /<\/|\/>/.test(file.text) ? "ui" : null;
}

/** Package names (`next` for `next/server`, `@wdio/cli` for `@wdio/cli/x`) of static imports and requires. */
function importedPackages(file: ParsedFile): string[] {
  const specifiers: string[] = [];
  for (const statement of file.ast?.statements ?? []) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) specifiers.push(statement.moduleSpecifier.text);
  }
  if (file.text.includes("require(")) for (const match of file.text.matchAll(REQUIRE)) specifiers.push(match[1] ?? "");
  return specifiers.filter((specifier) => specifier !== "" && !specifier.startsWith(".")).map(packageName);
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0] ?? specifier;
}
