import { formatSarif, GRADES, SEVERITIES, type Finding } from "../../../analyzers";
import { getDb } from "../db";
import { AppError, notFound } from "../errors";

/** A file to download: its name and content. */
export interface Download {
  filename: string;
  content: string;
}

/**
 * `GET /api/scans/:id/sarif`: the snapshot's findings as SARIF 2.1.0, written by the CLI's own writer
 * (`npm run scan -- --format sarif`), so the export and the CLI agree result for result. Suppressed findings are
 * included with their justification, as the CLI includes them. A duplicate scan exports the snapshot it points to; a scan
 * without a snapshot (queued, running, failed) is a 409.
 */
export async function exportSarif(scanId: string): Promise<Download> {
  const db = getDb();
  const scan = await db.scan.findUnique({ where: { id: scanId }, select: { status: true, duplicateOfId: true } });
  if (!scan) throw notFound("Scan", scanId);
  if (scan.status !== "succeeded") throw new AppError("conflict", `Scan ${JSON.stringify(scanId)} has no snapshot to export: it is ${scan.status}.`);
  const snapshot = await db.scan.findUniqueOrThrow({
    where: { id: scan.duplicateOfId ?? scanId },
    select: { id: true, commitSha: true, score: true, grade: true, engineVersion: true, guideVersion: true, repository: { select: { name: true } } },
  });
  const rows = await db.finding.findMany({ where: { scanId: snapshot.id }, orderBy: [{ file: "asc" }, { line: "asc" }, { ruleId: "asc" }, { id: "asc" }] });
  const content = formatSarif({
    engineVersion: snapshot.engineVersion ?? "unknown",
    guideVersion: snapshot.guideVersion ?? "unknown",
    score: snapshot.score,
    grade: GRADES.find((grade) => grade === snapshot.grade) ?? null,
    findings: rows.map(toFinding),
  });
  return { filename: downloadName(snapshot.repository.name, snapshot.commitSha ?? snapshot.id, "sarif"), content };
}

function toFinding(row: { ruleId: string; guideTags: string[]; severity: string; file: string; line: number; endLine: number; message: string; fingerprint: string; suppressedKind: string | null; suppressedReason: string | null; suppressedLine: number | null }): Finding {
  const severity = SEVERITIES.find((known) => known === row.severity) ?? "info";
  const { ruleId, guideTags, file, line, endLine, message, fingerprint } = row;
  const isSuppressed = row.suppressedKind !== null || row.suppressedReason !== null;
  const kind = row.suppressedKind === "config" ? "config" : "inline";
  return { ruleId, guideTags, severity, file, line, endLine, message, fingerprint, ...(isSuppressed ? { suppressed: { kind, reason: row.suppressedReason ?? "", line: row.suppressedLine } } : {}) };
}

/** `heimdall-<repository>-<commit>.<extension>`, reduced to characters every file system and header accepts. */
export function downloadName(repository: string, commit: string, extension: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 60) || "repository";
  return `heimdall-${safe(repository)}-${safe(commit.slice(0, 12))}.${extension}`;
}

/** The headers of a file download: content type, attachment with its name, and no caching of code by shared caches. */
export function downloadHeaders(contentType: string, filename: string): Record<string, string> {
  return { "content-type": contentType, "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
}
