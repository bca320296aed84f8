// Shapes the HTTP API returns, shared by route handlers and the React client.

export type ScanStatusDto = "queued" | "running" | "succeeded" | "failed";

export interface ScanDto {
  id: string;
  repositoryId: string;
  status: ScanStatusDto;
  trigger: string;
  commitSha: string | null;
  score: number | null;
  grade: string | null;
  error: string | null;
  attempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Committer date of the scanned commit (known once the scan has cloned it, or set up front by a backfill). */
  committedAt: string | null;
  /** Why part of the repository was not analyzed (size and file-count limits); null when all of it was. */
  partialReason: string | null;
  /** When the scan joined the dead-letter list: it failed after its last retry or its job died; null otherwise. */
  deadLetteredAt: string | null;
  /** The backfill that scanned this past commit, if any. */
  backfillId: string | null;
  /**
   * Set when the scan found its commit already stored with the same ruleset and inputs: the id of the scan that holds
   * the snapshot (rule results and findings). Such a scan is `succeeded` and stores no copy of its own.
   */
  duplicateOf: string | null;
}

export interface SnapshotDto {
  scanId: string;
  commitSha: string | null;
  score: number | null;
  grade: string | null;
  finishedAt: string;
  /** Committer date of the snapshot's commit: its place on the score history (null for snapshots stored before 0.4). */
  committedAt: string | null;
  /** Why part of the repository was not analyzed; null when all of it was. */
  partialReason: string | null;
  /** Guide and ruleset the snapshot was scored with: a change of ruleset explains a jump without a change of code. */
  guideVersion: string | null;
  rulesetVersion: string | null;
}

export interface RepositoryDto {
  id: string;
  name: string;
  url: string;
  branch: string | null;
  team: { slug: string; name: string };
  createdAt: string;
  /** Whether an access token is stored for cloning (private https repository). The token itself is write-only: never returned. */
  hasAccessToken: boolean;
  /** Cron expression (five fields, UTC; `H` is a minute/hour of this repository's own) for scheduled scans; null: manual only. */
  schedule: string | null;
  /** When the scheduler next requests a scan (ISO); null for manual-only repositories. */
  nextScanAt: string | null;
  /** The latest succeeded scan; a failed scan never replaces it. */
  current: SnapshotDto | null;
  /** The most recent scan of any status, to show progress and failures. */
  latestScan: ScanDto | null;
}

export interface RuleResultDto {
  ruleId: string;
  guideTags: string[];
  score: number | null;
  weight: number;
  findingCount: number;
  /** From the analyzer's metadata; null when the analyzer no longer exists in this version. */
  description: string | null;
  /** How the 0–100 score is computed, in one sentence. */
  scoring: string | null;
}

export interface FindingDto {
  id: string;
  ruleId: string;
  guideTags: string[];
  severity: "info" | "warning" | "error";
  file: string;
  line: number;
  endLine: number;
  message: string;
  fingerprint: string;
}

export interface ScanDetailDto extends ScanDto {
  rules: RuleResultDto[];
  findingCount: number;
  /**
   * Against the repository's previous snapshot, by finding fingerprint: findings that appeared and findings that went
   * away (counts null when there is no previous snapshot); null while the scan has no snapshot.
   */
  changes: { previousScanId: string | null; newFindings: number | null; fixedFindings: number | null } | null;
}

/** Coverage report formats an upload may have: LCOV, Cobertura XML, Istanbul coverage-final.json or coverage-summary.json. */
export type CoverageFormatDto = "lcov" | "cobertura" | "istanbul" | "istanbul-summary";

/** Answer to `POST /api/repositories/:id/coverage`: what was stored for the next scan of that commit. */
export interface CoverageUploadDto {
  repositoryId: string;
  commitSha: string;
  /** Folder of the repository the report was written in; a later upload with the same commit and name replaces it. */
  name: string;
  format: CoverageFormatDto;
  bytes: number;
  uploadedAt: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export type BackfillStatusDto = "queued" | "running" | "succeeded" | "failed";

/** A backfill of past commits (`POST /api/repositories/:id/backfills`) and its progress. */
export interface BackfillDto {
  id: string;
  repositoryId: string;
  status: BackfillStatusDto;
  since: string;
  /** One point per this many days, or (when null) one per `everyCommits` commits. */
  intervalDays: number | null;
  everyCommits: number | null;
  /** Points chosen once the worker read the history; null until then. */
  total: number | null;
  done: number;
  /** Point scans by state (a point that found its commit already stored counts as succeeded). */
  points: { queued: number; succeeded: number; failed: number };
  error: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
