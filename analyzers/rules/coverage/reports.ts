import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { MalformedReportError, parseReport, type FileRecord, type ReportFormat } from "./formats";

/** The names test runners give their reports (Jest, Vitest, c8, nyc, pytest-cov). */
const REPORT_NAMES: Readonly<Record<string, ReportFormat>> = {
  "lcov.info": "lcov",
  "cobertura-coverage.xml": "cobertura",
  "coverage.xml": "cobertura",
  "coverage-final.json": "istanbul",
  "coverage-summary.json": "istanbul-summary",
};
/** Reports sit in the root, in `coverage/`, or in a package's `coverage/` of a monorepo; deeper is someone else's. */
const MAX_DEPTH = 3;
const NEVER_ENTERED = new Set(["node_modules", ".git"]);
const MAX_REPORT_BYTES = 50 * 1024 * 1024;

export interface ReadReport {
  /** Relative to the repository root, forward slashes. */
  path: string;
  records: FileRecord[];
}

export interface SkippedReport {
  path: string;
  reason: string;
  oversized: boolean;
}

export interface ReportScan {
  reports: ReadReport[];
  skipped: SkippedReport[];
}

/**
 * Reports handed in by the caller (uploaded by CI for this commit) replace those in the checkout, which may be stale;
 * the format comes from the name, or from the content when the name says nothing.
 */
export function readHandedInReports(reports: ReadonlyArray<{ name: string; content: string }>): ReportScan {
  const scan: ReportScan = { reports: [], skipped: [] };
  for (const { name, content } of reports) {
    const format = formatOf(path.posix.basename(name)) ?? sniffFormat(content);
    if (!format) {
      scan.skipped.push({ path: name, reason: "it is not an LCOV, Cobertura or Istanbul report", oversized: false });
      continue;
    }
    try {
      scan.reports.push({ path: name, records: parseReport(format, content) });
    } catch (error) {
      scan.skipped.push({ path: name, reason: error instanceof MalformedReportError ? error.message : String(error), oversized: false });
    }
  }
  return scan;
}

function sniffFormat(content: string): ReportFormat | null {
  const start = content.trimStart();
  if (/^(?:TN:|SF:)/.test(start)) return "lcov";
  if (start.startsWith("<") && content.includes("<coverage")) return "cobertura";
  if (start.startsWith("{")) return /"total"\s*:/.test(content) ? "istanbul-summary" : "istanbul";
  return null;
}

/**
 * The format of a report handed over as text (an upload from CI), when it also parses as that format with at least one
 * file; null otherwise — so an accepted report is one a scan can use.
 */
export function detectReportFormat(content: string): ReportFormat | null {
  const format = sniffFormat(content);
  if (format === null) return null;
  try {
    return parseReport(format, content).length > 0 ? format : null;
  } catch {
    return null; // malformed for its format
  }
}

/** Finds and parses the coverage reports of the checkout; unreadable ones are skipped with a reason, never thrown. */
export function readCoverageReports(root: string): ReportScan {
  const scan: ReportScan = { reports: [], skipped: [] };
  for (const relative of findReportFiles(root)) {
    const format = formatOf(path.posix.basename(relative));
    if (format) readOne(root, relative, format, scan);
  }
  return scan;
}

function formatOf(name: string): ReportFormat | null {
  return REPORT_NAMES[name] ?? (name.endsWith(".lcov") ? "lcov" : null);
}

function findReportFiles(root: string, relative = "", depth = 0): string[] {
  const found: string[] = [];
  for (const entry of listFolder(path.join(root, relative))) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    // Dirents describe links as links: symlinked folders and files are never followed.
    if (entry.isFile() && formatOf(entry.name)) found.push(child);
    else if (entry.isDirectory() && depth < MAX_DEPTH && !NEVER_ENTERED.has(entry.name)) found.push(...findReportFiles(root, child, depth + 1));
  }
  return found;
}

function listFolder(folder: string) {
  try {
    return readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return []; // unreadable folder: no reports there
  }
}

function readOne(root: string, relative: string, format: ReportFormat, scan: ReportScan): void {
  const absolute = path.join(root, relative);
  try {
    if (statSync(absolute).size > MAX_REPORT_BYTES) {
      scan.skipped.push({ path: relative, reason: `it is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB`, oversized: true });
      return;
    }
    const text = readFileSync(absolute, "utf8");
    // `coverage.xml` is a common name; only one with a <coverage> element is a Cobertura report.
    if (path.posix.basename(relative) === "coverage.xml" && !text.includes("<coverage")) return;
    scan.reports.push({ path: relative, records: parseReport(format, text) });
  } catch (error) {
    const reason = error instanceof MalformedReportError ? error.message : `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
    scan.skipped.push({ path: relative, reason, oversized: false });
  }
}
