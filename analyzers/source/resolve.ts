import path from "node:path";
import { ts } from "ts-morph";
import { readRepoFile } from "./repo-files";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".d.ts", ".js", ".jsx", ".mjs", ".cjs"];
/** `./x.js` in TypeScript ESM source names `./x.ts`. */
const SOURCE_FOR_OUTPUT: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

export interface PathAliases {
  /** Folder (relative to the repository root, forward slashes) that non-relative specifiers may resolve from. */
  baseUrl: string | null;
  paths: Array<{ pattern: string; targets: string[] }>;
}

/**
 * Resolves import specifiers to files of the repository the way TypeScript does for the common cases: relative paths
 * with or without extensions, `.js` written for `.ts`, folder index files, and tsconfig `baseUrl`/`paths` aliases.
 * Anything else (packages, built-ins) is external and resolves to null.
 */
export class ModuleResolver {
  private readonly files: ReadonlySet<string>;

  constructor(
    files: Iterable<string>,
    private readonly aliases: PathAliases,
  ) {
    this.files = new Set(files);
  }

  resolve(importer: string, specifier: string): string | null {
    if (specifier.startsWith(".")) return this.resolveFile(path.posix.join(path.posix.dirname(importer), specifier));
    for (const { pattern, targets } of this.aliases.paths) {
      const wildcard = matchPattern(pattern, specifier);
      if (wildcard === null) continue;
      for (const target of targets) {
        const resolved = this.resolveFile(path.posix.join(this.aliases.baseUrl ?? ".", target.replace("*", wildcard)));
        if (resolved) return resolved;
      }
    }
    return this.aliases.baseUrl !== null ? this.resolveFile(path.posix.join(this.aliases.baseUrl, specifier)) : null;
  }

  private resolveFile(candidate: string): string | null {
    const base = path.posix.normalize(candidate);
    if (base.startsWith("..")) return null;
    if (this.files.has(base)) return base;
    const extension = path.posix.extname(base);
    for (const replacement of SOURCE_FOR_OUTPUT[extension] ?? []) {
      const swapped = base.slice(0, -extension.length) + replacement;
      if (this.files.has(swapped)) return swapped;
    }
    for (const suffix of EXTENSIONS) if (this.files.has(base + suffix)) return base + suffix;
    for (const suffix of EXTENSIONS) if (this.files.has(`${base}/index${suffix}`)) return `${base}/index${suffix}`;
    return null;
  }
}

function matchPattern(pattern: string, specifier: string): string | null {
  const star = pattern.indexOf("*");
  if (star === -1) return pattern === specifier ? "" : null;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) return null;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

/** Reads `baseUrl` and `paths` from the repository's tsconfig.json (and the file it extends, if local). */
export function readPathAliases(root: string, tsconfig = "tsconfig.json", depth = 0): PathAliases {
  const file = path.join(root, tsconfig);
  const empty: PathAliases = { baseUrl: null, paths: [] };
  // Read like any repository file: never through a link, never above the root (`"extends": "../../x"`; hostile-repos test).
  const text = depth > 5 ? null : readRepoFile(root, tsconfig);
  if (text === null) return empty;
  const { config } = ts.parseConfigFileTextToJson(file, text) as { config?: TsConfigJson };
  const configDir = path.posix.dirname(tsconfig);
  const inherited = inheritedAliases(root, config, configDir, depth);
  const options = config?.compilerOptions ?? {};
  const paths = options.paths ? Object.entries(options.paths).map(([pattern, targets]) => ({ pattern, targets })) : inherited.paths;
  return { baseUrl: baseUrlOf(options, configDir, inherited), paths };
}

/** This file's `baseUrl`, else the inherited one; without either, `paths` are relative to the tsconfig that declares them. */
function baseUrlOf(options: CompilerOptions, configDir: string, inherited: PathAliases): string | null {
  if (options.baseUrl !== undefined) return path.posix.normalize(path.posix.join(configDir, options.baseUrl));
  return inherited.baseUrl ?? (options.paths ? configDir : null);
}

/** Aliases of the local tsconfig this one extends (`"./base"` or `"./base.json"`); a package it extends is not read. */
function inheritedAliases(root: string, config: TsConfigJson | undefined, configDir: string, depth: number): PathAliases {
  const parent = config?.extends;
  if (typeof parent !== "string" || !parent.startsWith(".")) return { baseUrl: null, paths: [] };
  return readPathAliases(root, path.posix.join(configDir, parent.endsWith(".json") ? parent : `${parent}.json`), depth + 1);
}

interface CompilerOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
}

interface TsConfigJson {
  extends?: unknown;
  compilerOptions?: CompilerOptions;
}
