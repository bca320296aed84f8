// Rows exactly as the seed writes them into Heimdall's tables (prisma/schema.prisma); the tests read them back to compute
// the aggregates they expect.

export interface TeamRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
}

export interface RepositoryRow {
  id: string;
  teamId: string;
  name: string;
  url: string;
  createdAt: Date;
}

export interface ScanRow {
  id: string;
  repositoryId: string;
  status: "succeeded" | "failed";
  trigger: string;
  commitSha: string | null;
  committedAt: Date | null;
  deadLetteredAt: Date | null;
  score: number | null;
  grade: string | null;
  engineVersion: string | null;
  guideVersion: string | null;
  rulesetVersion: string | null;
  error: string | null;
  attempts: number;
  stats: { files: number; lines: number; unparsed: never[] } | null;
  queuedAt: Date;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  snapshotKey: string | null;
  duplicateOfId: string | null;
}

export interface RuleResultRow {
  id: string;
  scanId: string;
  ruleId: string;
  guideTags: string[];
  score: number | null;
  weight: number;
  findingCount: number;
  suppressedCount: number;
}

export interface FindingRow {
  id: string;
  scanId: string;
  ruleId: string;
  guideTags: string[];
  severity: "info" | "warning" | "error";
  file: string;
  line: number;
  endLine: number;
  message: string;
  fingerprint: string;
  snippet: string | null;
  suppressedKind: "inline" | "config" | null;
  suppressedReason: string | null;
  suppressedLine: number | null;
}

/** Everything the seed writes for one repository, in the order foreign keys need. */
export interface RepositoryHistory {
  repository: RepositoryRow;
  scans: ScanRow[];
  ruleResults: RuleResultRow[];
  findings: FindingRow[];
}

/** True when the scan is a snapshot: succeeded and not a duplicate of another scan's snapshot. */
export function isSnapshot(scan: ScanRow): boolean {
  return scan.status === "succeeded" && scan.duplicateOfId === null;
}

/** Where a snapshot sits on the timeline: its commit's date, else when it finished. */
export function snapshotTime(scan: ScanRow): Date {
  return scan.committedAt ?? scan.finishedAt;
}
