import { z } from "zod";
import { defineAnalyzer, type FileFacts } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { packageScripts, readPackageJson, type PackageJson } from "../../source/repo-files";
import { isConfigFile, isTestFile } from "../../source/roles";
import { isHealthPath, servingFacts, type ServingFacts } from "./routes";

/** Next.js App Router handlers (`app/**\/route.ts`), Pages Router API files and SvelteKit endpoints serve HTTP by their path. */
const FILE_ROUTE = /(?:^|\/)(?:app\/(?:(.*)\/)?route|pages\/(api(?:\/.*)?)|routes\/(?:(.*)\/)?\+server)\.[cm]?[jt]sx?$/;
/** Fields of a package others install: a library or a command-line tool, not a service. */
const PUBLISHED_FIELDS = ["main", "module", "exports", "bin", "files", "types", "typings"];
/** Development servers, examples and benchmarks are not the product. */
const NOT_PRODUCT = /(?:^|\/)(?:scripts?|bin|examples?|samples?|playground|demos?|bench(?:marks?)?|docs?|tools?)\//;

const options = z.strictObject({});

interface Server {
  file: string;
  line: number;
  kind: string;
}

/** `[HEALTH]`: a health endpoint in every application that serves HTTP. */
export const healthEndpoint = defineAnalyzer({
  meta: {
    id: "health-endpoint",
    guideTags: ["HEALTH"],
    section: "resilience",
    description: "Applications that serve HTTP (Next.js routes, Express, Fastify, Koa, Hono, NestJS, node:http) without a health endpoint.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "100 when an application that serves HTTP exposes a health endpoint, 0 when it exposes none; not applicable to libraries and tools.",
  },
  collect: (file): ServingFacts => servingFacts(file),
  combine({ root, files }) {
    const pkg = readPackageJson(root);
    if (isLibraryOrTool(pkg)) return { findings: [], metrics: { servers: 0, healthRoutes: 0 }, score: () => null };
    const product = files.filter((file) => !isTestFile(file.path) && !isConfigFile(file.path) && !NOT_PRODUCT.test(file.path));
    const servers = product.flatMap(serverIn);
    const healthRoutes = product.flatMap(healthRoutesIn);
    const first = servers[0];
    if (!first) return { findings: [], metrics: { servers: 0, healthRoutes: 0 }, score: () => null };
    const finding = healthRoutes.length > 0 ? null : missingHealth(first, pkg !== null);
    return {
      findings: finding ? [finding] : [],
      metrics: { servers: servers.length, healthRoutes: healthRoutes.length },
      score: (active) => (finding && active.includes(finding) ? 0 : 100),
    };
  },
});

/** A published package (main, exports, bin, files…) without a start script: frameworks such as Express create servers for others. */
function isLibraryOrTool(pkg: PackageJson | null): boolean {
  if (pkg === null || pkg.data.private === true || packageScripts(pkg).start !== undefined) return false;
  return PUBLISHED_FIELDS.some((field) => pkg.data[field] !== undefined);
}

function serverIn(file: FileFacts<ServingFacts>): Server[] {
  if (file.facts.server) return [{ file: file.path, ...file.facts.server }];
  return FILE_ROUTE.test(file.path) ? [{ file: file.path, line: 1, kind: "file route" }] : [];
}

/** Registered health routes, and file routes whose URL (route groups and slots dropped) names a health endpoint. */
function healthRoutesIn(file: FileFacts<ServingFacts>): string[] {
  const match = FILE_ROUTE.exec(file.path);
  const folders = match ? (match[1] ?? match[2]?.replace(/\.[cm]?[jt]sx?$/, "") ?? match[3] ?? "") : null;
  const url = folders === null ? null : `/${folders.split("/").filter((segment) => !/^\(.*\)$|^@/.test(segment) && segment !== "index").join("/")}`;
  return [...file.facts.healthRoutes, ...(url !== null && isHealthPath(url) ? [url] : [])];
}

function missingHealth(server: Server, hasPackageJson: boolean): FindingDraft {
  const where = `${server.file}:${server.line}`;
  return {
    file: hasPackageJson ? "package.json" : server.file,
    line: hasPackageJson ? 1 : server.line,
    endLine: hasPackageJson ? 1 : server.line,
    message: `The application serves HTTP (${server.kind}, ${where}) but exposes no health endpoint: add a route such as GET /health that checks its dependencies and reports healthy, degraded or unhealthy.`,
    identity: ["no-health-endpoint"],
  };
}
