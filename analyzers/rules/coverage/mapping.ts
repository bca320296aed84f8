import path from "node:path";
import type { FileRecord } from "./formats";
import type { ReadReport } from "./reports";

export interface FileCoverage {
  /** A file of the repository, relative to its root. */
  path: string;
  covered: number;
  total: number;
}

export interface MappedCoverage {
  files: FileCoverage[];
  /** Report entries that name no file of the repository (other packages, deleted files, generated code). */
  unmatched: number;
}

/**
 * Puts the reports' numbers on the repository's files. Line data of several reports of one file are merged (a line ran
 * if it ran in any); a report that only has totals counts for a file no report gives lines for.
 */
export function mapCoverage(reports: readonly ReadReport[], repositoryFiles: readonly string[]): MappedCoverage {
  const matcher = new ReportPathMatcher(repositoryFiles);
  const lineHits = new Map<string, Map<number, number>>();
  const totals = new Map<string, { covered: number; total: number }>();
  let unmatched = 0;
  for (const report of reports) {
    for (const record of report.records) {
      const file = matcher.match(record.names, path.posix.dirname(report.path));
      if (file === null) unmatched += 1;
      else collect(file, record, lineHits, totals);
    }
  }
  const files = [...new Set([...lineHits.keys(), ...totals.keys()])].sort().map((file) => fileCoverage(file, lineHits.get(file), totals.get(file)));
  return { files, unmatched };
}

function collect(file: string, record: FileRecord, lineHits: Map<string, Map<number, number>>, totals: Map<string, { covered: number; total: number }>): void {
  if (record.lineHits) {
    const merged = lineHits.get(file) ?? new Map<number, number>();
    for (const [line, count] of record.lineHits) merged.set(line, Math.max(merged.get(line) ?? 0, count));
    lineHits.set(file, merged);
  } else if (record.totals && !totals.has(file)) {
    totals.set(file, record.totals);
  }
}

function fileCoverage(file: string, hits: ReadonlyMap<number, number> | undefined, totals: { covered: number; total: number } | undefined): FileCoverage {
  if (!hits) return { path: file, covered: totals?.covered ?? 0, total: totals?.total ?? 0 };
  let covered = 0;
  for (const count of hits.values()) if (count > 0) covered += 1;
  return { path: file, covered, total: hits.size };
}

/**
 * Finds the repository file a report means. Reports written on a CI machine hold absolute paths of another checkout,
 * others paths relative to the folder the tests ran in, so: relative names are tried against the report's folder and
 * each folder above it, then any name is matched by its longest tail of path segments.
 */
export class ReportPathMatcher {
  private readonly known: ReadonlySet<string>;
  private readonly byBaseName = new Map<string, string[]>();

  constructor(files: Iterable<string>) {
    this.known = new Set(files);
    for (const file of this.known) {
      const base = path.posix.basename(file);
      this.byBaseName.set(base, [...(this.byBaseName.get(base) ?? []), file]);
    }
  }

  match(names: readonly string[], reportFolder: string): string | null {
    for (const name of names) {
      const normalized = normalizeReportPath(name);
      if (normalized === "") continue;
      const found = (isAbsolute(normalized) ? null : this.fromFolders(normalized, reportFolder)) ?? this.bySuffix(normalized);
      if (found !== null) return found;
    }
    return null;
  }

  private fromFolders(name: string, reportFolder: string): string | null {
    for (let folder = reportFolder; ; folder = path.posix.dirname(folder)) {
      const candidate = path.posix.normalize(path.posix.join(folder, name));
      if (this.known.has(candidate)) return candidate;
      if (folder === "." || folder === "/" || folder === "") return null;
    }
  }

  /** The file sharing the most trailing segments, where one path ends with the other; ties go to the shorter path. */
  private bySuffix(name: string): string | null {
    const segments = name.split("/").filter((segment) => segment !== "" && segment !== "." && segment !== "..");
    let best: SuffixMatch | null = null;
    for (const file of this.byBaseName.get(segments.at(-1) ?? "") ?? []) {
      const fileSegments = file.split("/");
      const shared = sharedTail(segments, fileSegments);
      if (shared < Math.min(segments.length, fileSegments.length)) continue;
      if (isBetterMatch({ file, shared }, best)) best = { file, shared };
    }
    return best?.file ?? null;
  }
}

interface SuffixMatch {
  file: string;
  shared: number;
}

/** More shared trailing segments wins; on a tie the shorter path does, so the least nested file is chosen. */
function isBetterMatch(candidate: SuffixMatch, best: SuffixMatch | null): boolean {
  return !best || candidate.shared > best.shared || (candidate.shared === best.shared && candidate.file.length < best.file.length);
}

function sharedTail(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[a.length - 1 - shared] === b[b.length - 1 - shared]) shared += 1;
  return shared;
}

/** Forward slashes, no `file://` scheme, so Windows and URL-style names compare like the repository's paths. */
function normalizeReportPath(name: string): string {
  return name.trim().replace(/^file:\/\//, "").replace(/\\/g, "/");
}

function isAbsolute(name: string): boolean {
  return name.startsWith("/") || /^[A-Za-z]:\//.test(name);
}
