import path from "node:path";
import type { ModuleResolver } from "../../source/resolve";
import { DEFAULT_EXPORT, EVERYTHING, type ExportFacts } from "./exports";

export interface ExportFile {
  path: string;
  facts: ExportFacts;
}

interface ResolvedReExport {
  target: string;
  from: string;
  as: string;
}

/** A declared export, named by its module and its exported name. */
export interface ExportKey {
  file: string;
  name: string;
}

/**
 * The modules of a repository with what each declares and re-exports, resolved once. Follows a name from the module
 * it is imported from, through `export { … } from` and `export * from`, to the modules that declare it.
 */
export class ExportGraph {
  private readonly declared = new Map<string, Set<string>>();
  private readonly reExports = new Map<string, ResolvedReExport[]>();
  /** Resolutions by folder and specifier: the modules of one folder import the same modules over and over. */
  private readonly resolved = new Map<string, string | null>();

  constructor(files: readonly ExportFile[], private readonly resolver: ModuleResolver) {
    for (const file of files) {
      this.declared.set(file.path, new Set(file.facts.exports.map((entry) => entry.name)));
      const resolved = file.facts.reExports.flatMap(({ specifier, from, as }) => {
        const target = this.resolve(file.path, specifier);
        return target !== null && target !== file.path ? [{ target, from, as }] : [];
      });
      this.reExports.set(file.path, resolved);
    }
  }

  /** The module a specifier names, or null when it is a package or not in the repository. */
  resolve(importer: string, specifier: string): string | null {
    const key = specifier.startsWith(".") ? `${path.posix.dirname(importer)}\u0000${specifier}` : specifier;
    const known = this.resolved.get(key);
    if (known !== undefined) return known;
    const found = this.resolver.resolve(importer, specifier);
    this.resolved.set(key, found);
    return found;
  }

  /**
   * The declarations the requested names stand for, each request a name imported from a module (`*`: every export of
   * it). One walk for all requests: a module and name already followed is not followed again.
   */
  declarationsOf(requests: Iterable<ExportKey>): ExportKey[] {
    const found: ExportKey[] = [];
    const seen = new Set<string>();
    const visit = (current: string, wanted: string): void => {
      const key = `${current}\u0000${wanted}`;
      if (seen.has(key)) return;
      seen.add(key);
      const own = this.declared.get(current);
      if (wanted === EVERYTHING) for (const declared of own ?? []) found.push({ file: current, name: declared });
      else if (own?.has(wanted)) found.push({ file: current, name: wanted });
      for (const next of this.reExports.get(current) ?? []) {
        const hop = hopFor(next, wanted);
        if (hop !== null) visit(next.target, hop);
      }
    };
    for (const request of requests) visit(request.file, request.name);
    return found;
  }
}

/** The name to look for behind a re-export when `wanted` is asked of the re-exporting module, or null if it does not pass. */
function hopFor(reExport: ResolvedReExport, wanted: string): string | null {
  if (wanted === EVERYTHING) return reExport.from;
  if (reExport.as === wanted) return reExport.from;
  // `export * from` passes every name but the default one.
  return reExport.as === EVERYTHING && wanted !== DEFAULT_EXPORT ? wanted : null;
}
