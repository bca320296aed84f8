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
