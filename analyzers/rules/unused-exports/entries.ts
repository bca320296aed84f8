import path from "node:path";
import type { ModuleResolver } from "../../source/resolve";
import { readPackageJson, isPlainFile } from "../../source/repo-files";
import { isConfigFile, isTestFile, isToolingPath } from "../../source/roles";

const DECLARATION_FILE = /\.d\.[cm]?ts$/;
/** Next.js app-router files: the framework imports them by their file name. */
const APP_ROUTER_FILES = new Set([
  "page", "layout", "route", "loading", "error", "global-error", "not-found", "forbidden", "unauthorized", "template",
  "default", "head", "icon", "apple-icon", "opengraph-image", "twitter-image", "sitemap", "robots", "manifest",
]);
/** Files the framework loads by name: Next.js middleware (`proxy` since Next.js 16) and instrumentation. */
const ROOT_HOOK_FILES = new Set(["middleware", "instrumentation", "instrumentation-client", "proxy"]);
/** Workers and test setup: loaded by `new Worker` or the test runner by pattern. */
const LOADED_BY_PATTERN = /\.(?:worker|setup)\.[cm]?[jt]sx?$|(?:^|\/)setupTests\.[cm]?[jt]sx?$/;
/** Conventional package entries, taken as public even when `package.json` does not name them. */
const CONVENTIONAL_ENTRIES = ["index", "src/index", "lib/index", "src/main", "main"];
const PACKAGE_JSON = "package.json";
const MAX_PACKAGE_DEPTH = 2;

function stem(file: string): string {
  return path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, "");
}

/** Files whose exports are not judged: tests, configuration, declarations, tooling and framework-loaded files. */
export function isOutsideJudgement(file: string): boolean {
  if (isTestFile(file) || isConfigFile(file) || DECLARATION_FILE.test(file) || LOADED_BY_PATTERN.test(file)) return true;
  return isToolingPath(file) || isFrameworkFile(file, file.split("/").slice(0, -1));
}

function isFrameworkFile(file: string, folders: readonly string[]): boolean {
  const name = stem(file);
  if (folders.includes("app") && APP_ROUTER_FILES.has(name)) return true;
  const top = folders[0] === "src" ? folders.slice(1) : folders;
  if (ROOT_HOOK_FILES.has(name)) return true; // also copied into place by a build step, as a Dockerfile may do
  // Next.js pages router, Astro pages, Remix routes and root, SvelteKit `+page.ts`.
  return top[0] === "pages" || (top[0] === "app" && (top[1] === "routes" || (top.length === 1 && /^(?:root|entry\.\w+)$/.test(name)))) || name.startsWith("+");
}

interface PackageManifest {
  main?: unknown;
  module?: unknown;
  types?: unknown;
  typings?: unknown;
  browser?: unknown;
  exports?: unknown;
  bin?: unknown;
  scripts?: unknown;
}

/**
 * Entry modules of the repository's packages: what `main`, `module`, `types`, `browser`, `exports` and `bin` of each
 * `package.json` (at the root and in the folders of the listed files) name, mapped back from build output to source,
 * plus the conventional `index`/`src/index` of each package. Their exports are public.
 */
export function entryModules(root: string, files: readonly string[], resolver: ModuleResolver): Set<string> {
  const entries = new Set<string>();
  for (const folder of packageFolders(root, files)) {
    const manifest = readPackageJson(path.join(root, folder))?.data as PackageManifest | undefined;
    const named = manifest ? manifestTargets(manifest) : [];
    for (const target of [...named, ...CONVENTIONAL_ENTRIES]) {
      const found = sourceFor(folder, target, resolver);
      if (found) entries.add(found);
    }
  }
  return entries;
}

/** The root and each folder up to two levels deep (`packages/a`) that holds a package.json, checked with lstat. */
function packageFolders(root: string, files: readonly string[]): string[] {
  const candidates = new Set<string>([""]);
  for (const file of files) {
    const folders = file.split("/").slice(0, -1);
    for (let depth = 1; depth <= Math.min(MAX_PACKAGE_DEPTH, folders.length); depth += 1) candidates.add(folders.slice(0, depth).join("/"));
  }
  return [...candidates].filter((folder) => isPlainFile(path.join(root, folder, PACKAGE_JSON)));
}

/** A script file named on a command line of `scripts` (`tsx scripts/start.ts`, `node ./dist/server.js`). */
const SCRIPT_ARGUMENT = /(?:^|\s)(\.{0,2}\/?[\w@$-]+(?:\/[\w@$.-]+)*\.[cm]?[jt]sx?)(?=\s|$|["';&|])/g;

function manifestTargets(manifest: PackageManifest): string[] {
  const fields = [manifest.main, manifest.module, manifest.types, manifest.typings, manifest.browser, manifest.exports, manifest.bin];
  const commands = stringsIn(manifest.scripts).flatMap((command) => [...command.matchAll(SCRIPT_ARGUMENT)].map((match) => match[1] ?? ""));
  return [...fields.flatMap(stringsIn), ...commands].filter((target) => target !== "" && !target.includes("*"));
}

/** Every string in a field that may be a string, an object of conditions or subpaths, or an array. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Maps `./build/compiled/src/index.js` or `./dist/index.d.ts` back to the source module it was built from. */
function sourceFor(folder: string, target: string, resolver: ModuleResolver): string | null {
  const segments = target.replace(/\.d\.([cm]?)ts$/, ".$1js").replace(/^\.\//, "").split("/").filter(Boolean);
  const importer = folder ? `${folder}/${PACKAGE_JSON}` : PACKAGE_JSON;
  for (let start = 0; start < segments.length; start += 1) {
    const rest = segments.slice(start).join("/");
    for (const candidate of [rest, `src/${rest}`, `lib/${rest}`]) {
      const found = resolver.resolve(importer, `./${candidate}`);
      if (found && !DECLARATION_FILE.test(found)) return found;
    }
  }
  return null;
}
