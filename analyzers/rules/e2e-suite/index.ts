import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineAnalyzer, type AnalyzerOutput, type FileFacts } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { isPlainFile } from "../../source/repo-files";
import { e2eFacts, type AppKind, type E2eFacts } from "./signals";

const options = z.strictObject({});

const PACKAGE_JSON = "package.json";
/** Legacy runner configuration that is not a script file, looked for at the root. */
const DATA_CONFIGS: ReadonlyArray<readonly [string, string]> = [
  ["cypress.json", "cypress"],
  [".detoxrc.json", "detox"],
  [".testcaferc.json", "testcafe"],
];
/** Manifest fields that mark a package published for others to import: a library, not an application. */
const LIBRARY_FIELDS = ["exports", "module", "types", "typings", "files", "publishConfig", "peerDependencies"] as const;
/** Dependencies that make the package an application whatever its manifest says. */
const APP_FRAMEWORKS = ["next", "nuxt", "astro", "@sveltejs/kit", "@remix-run/node", "@remix-run/react", "gatsby", "expo"];

type Manifest = Partial<Record<(typeof LIBRARY_FIELDS)[number] | "dependencies" | "devDependencies", unknown>>;

export const e2eSuite = defineAnalyzer({
  meta: {
    id: "e2e-suite",
    guideTags: ["E2E"],
    section: "testing",
    description: "Applications with a user interface or an HTTP server that have no end-to-end test suite (Playwright, Cypress, WebdriverIO, Puppeteer, supertest…).",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "100 when an application with a UI or an HTTP server has an end-to-end suite, 0 when it has none; not applicable to libraries and to code without a UI or a server.",
  },
  collect: (file) => e2eFacts(file),
  combine({ root, files }): AnalyzerOutput {
    const tools = [...new Set([...files.flatMap((file) => file.facts.tool ?? []), ...dataConfigTools(root)])].sort();
    const uiFiles = files.filter((file) => file.facts.app === "ui");
    const httpFiles = files.filter((file) => file.facts.app === "http");
    const metrics = { e2eTools: tools.length, uiFiles: uiFiles.length, httpFiles: httpFiles.length };
    const manifest = readManifest(root);
    if ((uiFiles.length === 0 && httpFiles.length === 0) || (manifest !== null && isLibrary(manifest))) return { findings: [], metrics, score: () => null };
    if (tools.length > 0) return { findings: [], metrics, score: () => 100 };
    const finding = missingSuite(manifest !== null ? PACKAGE_JSON : ".", uiFiles.length > 0 ? "ui" : "http", uiFiles[0] ?? httpFiles[0]);
    return { findings: [finding], metrics, score: (active) => (active.length > 0 ? 0 : 100) };
  },
});

function dataConfigTools(root: string): string[] {
  return DATA_CONFIGS.filter(([file]) => isPlainFile(path.join(root, file))).map(([, tool]) => tool);
}

/** The root package.json, read only when it is a regular file (never through a symbolic link). */
function readManifest(root: string): Manifest | null {
  const file = path.join(root, PACKAGE_JSON);
  if (!isPlainFile(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Manifest) : null;
  } catch {
    return null; // malformed: judged by its code alone
  }
}

function isLibrary(manifest: Manifest): boolean {
  const dependencies = { ...asRecord(manifest.dependencies), ...asRecord(manifest.devDependencies) };
  if (APP_FRAMEWORKS.some((name) => name in dependencies)) return false;
  return LIBRARY_FIELDS.some((field) => manifest[field] !== undefined);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function missingSuite(file: string, kind: AppKind, example: FileFacts<E2eFacts> | undefined): FindingDraft {
  const evidence = example ? ` (${kind === "ui" ? "UI code" : "HTTP handlers"} such as ${example.path})` : "";
  const advice =
    kind === "ui"
      ? "add one that drives the main user workflows in a real browser, e.g. Playwright (playwright.config.ts and e2e/*.spec.ts) or Cypress"
      : "add one that calls the service's endpoints over HTTP against a running instance, e.g. supertest or Playwright's request fixture";
  return {
    file,
    line: 1,
    endLine: 1,
    message: `No end-to-end suite found for this application${evidence}: ${advice}.`,
    identity: ["no-e2e-suite"],
  };
}
