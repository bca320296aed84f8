import type { Role, TokenScope } from "./permissions";
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
  /** Whether the repository serves a status badge to anyone (`PATCH { public }`); everything else still needs credentials. */
  public: boolean;
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

/** One page of a repository's branch scans (`GET /api/repositories/:id/scans`), newest first; backfill points are left out. */
export interface ScanPageDto {
  scans: ScanDto[];
  /** How many branch scans the repository has in all, for paging. */
  total: number;
  page: number;
  pageSize: number;
}

// ---- Dashboard views (issue 6): GET /api/overview, /api/teams/:slug/overview, /api/repositories/:id/history,
// /api/repositories/:id/findings, /api/rules. Weeks start on Monday 00:00 UTC; scores are 0–100 with one decimal.

/** The period a dashboard view covers: `from` is the start of its first week, `to` its (exclusive) end. */
export interface PeriodDto {
  from: string;
  to: string;
  range: "12w" | "26w" | "52w" | "104w" | null;
  /** Number of weekly points. */
  weeks: number;
}

export interface GuideSectionRefDto {
  /** Guide section id, e.g. `testing`, or `other` for a rule no analyzer knows any more. */
  id: string;
  number: number;
  title: string;
}

/**
 * One week of a trend. Each repository counts with its latest snapshot at or before the end of the week (carried
 * forward over weeks without a scan); `score` is the mean of their scores, null when none had a snapshot yet.
 */
export interface TrendPointDto {
  week: string;
  score: number | null;
  repositories: number;
}

export interface RepositoryRefDto {
  id: string;
  name: string;
  team: { slug: string; name: string };
}

/** A repository whose score moved most over the period: its score at the end and at the end of the first week. */
export interface MoverDto extends RepositoryRefDto {
  score: number;
  previousScore: number;
  delta: number;
}

export interface LastScanDto {
  id: string;
  status: ScanStatusDto;
  error: string | null;
  queuedAt: string;
  finishedAt: string | null;
  /** The scan failed after its last retry (the dead-letter list). */
  deadLettered: boolean;
}

/** A repository that needs a look: its latest scan failed, or it has not been scanned successfully for a while. */
export interface AttentionDto extends RepositoryRefDto {
  reason: "failed" | "stale";
  lastScan: LastScanDto | null;
  /** When its latest successful scan finished; null when it never had one. */
  lastSucceededAt: string | null;
}

export interface TeamRankDto {
  slug: string;
  name: string;
  rank: number;
  score: number | null;
  grade: string | null;
  delta: number | null;
  repositories: number;
  /** The team's weekly scores over the period, oldest first (the overview's weeks). */
  sparkline: Array<number | null>;
}

export interface SectionScoreDto extends GuideSectionRefDto {
  /** Mean over repositories of each one's section score (weighted mean of its applicable rules in the section). */
  score: number | null;
  repositories: number;
}

/** `GET /api/overview`: the organisation (or one team, with `team=`) over a period. */
export interface OverviewDto {
  period: PeriodDto;
  team: { slug: string; name: string } | null;
  score: number | null;
  grade: string | null;
  /** Score at the end of the first week, and the change since. */
  previousScore: number | null;
  delta: number | null;
  repositories: number;
  trend: TrendPointDto[];
  /** Best first. */
  teams: TeamRankDto[];
  /** Weakest first, at the end of the period. */
  sections: SectionScoreDto[];
  movers: { up: MoverDto[]; down: MoverDto[] };
  /** Now, whatever the period: failed latest scans first, then the longest without a successful scan. */
  attention: { total: number; staleAfterDays: number; items: AttentionDto[] };
}

export interface TeamRepositoryDto {
  id: string;
  name: string;
  score: number | null;
  grade: string | null;
  previousScore: number | null;
  delta: number | null;
  /** Weekly scores over the period, oldest first. */
  sparkline: Array<number | null>;
  /** Timeline position of its latest snapshot before the period's end. */
  lastSnapshotAt: string | null;
  lastScan: LastScanDto | null;
}

export interface ViolatedRuleDto {
  ruleId: string;
  guideTags: string[];
  section: GuideSectionRefDto;
  /** Findings that count, summed over the latest snapshot of each repository. */
  findings: number;
  suppressed: number;
  /** Repositories with at least one counted finding of the rule. */
  repositories: number;
  averageScore: number | null;
}

/** `GET /api/teams/:slug/overview`. */
export interface TeamOverviewDto {
  period: PeriodDto;
  team: { slug: string; name: string };
  score: number | null;
  grade: string | null;
  previousScore: number | null;
  delta: number | null;
  /** Overall and per guide section (`sections[section id]`) each week. */
  trend: Array<TrendPointDto & { sections: Record<string, number | null> }>;
  /** The sections that appear in `trend`, in the guide's order. */
  sections: GuideSectionRefDto[];
  repositories: TeamRepositoryDto[];
  /** Most counted findings first, at most ten. */
  mostViolatedRules: ViolatedRuleDto[];
  /** Suppressed and counted findings each week, summed over the team's repositories (carried forward like scores). */
  suppressions: Array<{ week: string; suppressed: number; findings: number }>;
}

export interface HistoryPointDto {
  scanId: string;
  /** Timeline position: the commit's date, else when the scan finished. */
  at: string;
  commitSha: string | null;
  score: number | null;
  grade: string | null;
  rulesetVersion: string | null;
}

export interface SnapshotRuleDto {
  ruleId: string;
  guideTags: string[];
  score: number | null;
  weight: number;
  findingCount: number;
  suppressedCount: number;
  description: string | null;
  scoring: string | null;
}

/** `GET /api/repositories/:id/history`: score history over a period and one snapshot's rule results by guide section. */
export interface RepositoryHistoryDto {
  period: PeriodDto;
  repository: RepositoryRefDto & { url: string; branch: string | null };
  /** Snapshots in the period, oldest first. */
  points: HistoryPointDto[];
  /** `snapshot=` or the latest snapshot before the period's end; null when the repository has none. */
  snapshot:
    | (HistoryPointDto & {
        previousScanId: string | null;
        /** Against the previous snapshot by fingerprint (suppressed findings are neither); null without one. */
        newFindings: number | null;
        fixedFindings: number | null;
        sections: Array<GuideSectionRefDto & { score: number | null; rules: SnapshotRuleDto[] }>;
      })
    | null;
}

export interface FindingItemDto extends FindingDto {
  section: GuideSectionRefDto;
  snippet: string | null;
  suppressed: { kind: string; reason: string | null; line: number | null } | null;
  /** Against the previous snapshot: `new`, `unchanged`, `fixed` (listed with `change=fixed`), or null without a previous snapshot or when suppressed. */
  change: "new" | "unchanged" | "fixed" | null;
}

/** `GET /api/repositories/:id/findings`: one page of a snapshot's findings. */
export interface FindingsPageDto {
  repositoryId: string;
  snapshot: { scanId: string; at: string };
  previousScanId: string | null;
  sort: "severity" | "file" | "rule";
  order: "asc" | "desc";
  page: number;
  pageSize: number;
  /** Findings matching the filters, over all pages. */
  total: number;
  /** The whole snapshot, whatever the filters. */
  counts: { all: number; active: number; suppressed: number; new: number | null; fixed: number | null };
  facets: {
    rules: Array<{ ruleId: string; count: number }>;
    severities: Array<{ severity: "info" | "warning" | "error"; count: number }>;
    tags: Array<{ tag: string; count: number }>;
  };
  items: FindingItemDto[];
}

export interface RuleComplianceDto {
  ruleId: string;
  guideTags: string[];
  section: GuideSectionRefDto;
  description: string | null;
  scoring: string | null;
  weight: number;
  severity: "info" | "warning" | "error" | null;
  /** False for a rule found in stored snapshots that no analyzer of this version runs. */
  known: boolean;
  /** Over the latest snapshot of each repository before the period's end. */
  repositories: { judged: number; notApplicable: number; passing: number; withFindings: number };
  averageScore: number | null;
  /** Average at the end of the period's first week, and the change since. */
  previousAverageScore: number | null;
  delta: number | null;
  findings: number;
  suppressed: number;
}

/** `GET /api/rules`: the rule catalogue with org-wide (or one team's) compliance per rule. */
export interface RulesDto {
  period: PeriodDto;
  team: { slug: string; name: string } | null;
  /** A repository passes a rule at this score or above (the floor of grade A). */
  passingScore: number;
  rules: RuleComplianceDto[];
  /** Every guide tag with the rules that check it, or why none can. */
  tags: Array<{ tag: string; title: string; section: GuideSectionRefDto; rules: string[]; notCheckable: string | null }>;
}

// ---- Scan page and finding detail (issue 6): GET /api/scans/:id/live, GET /api/findings/:id.

/** How far a running scan's analysis is: files parsed (`parsing`), the rule running (`analyzing`), or storing the snapshot. */
export interface ScanProgressDto {
  phase: "parsing" | "analyzing" | "saving";
  /** Files parsed, or rules finished, so far; 0 of 0 while saving. */
  done: number;
  total: number;
  /** The rule running now (phase `analyzing`). */
  rule: string | null;
  /** When the worker last wrote it (at most once a second). */
  updatedAt: string;
}

/** `GET /api/scans/:id/live`: a scan as the scan page polls it while it is queued or running. */
export interface ScanLiveDto {
  scan: ScanDto;
  repository: { id: string; name: string };
  /** While running, once the analysis has started; null while cloning, queued or finished. */
  progress: ScanProgressDto | null;
  /** While queued: its place among the queued branch scans of every repository (1: next) and how many run now. */
  queue: { position: number; queued: number; running: number } | null;
  /** The server's clock, so waiting and elapsed times are right whatever the browser's clock says. */
  now: string;
}

/** What an analyzer's README says about a rule: the guide's words, why it matters and how to fix a finding (plain text paragraphs). */
export interface RuleGuidanceDto {
  guide: string | null;
  why: string[];
  howToFix: string[];
}

/** `GET /api/findings/:id`: one finding with its snapshot, rule, guide section and how to fix it. */
export interface FindingDetailDto extends FindingDto {
  /** Excerpt of the code starting at `line`, stored already redacted by the engine; null when the rule keeps none. */
  snippet: string | null;
  suppressed: { kind: string; reason: string | null; line: number | null } | null;
  section: GuideSectionRefDto;
  /** The guide rules its tags stand for, e.g. `{ tag: "UNIT", title: "Single Responsibility / Unit Tests" }`. */
  tags: Array<{ tag: string; title: string | null }>;
  repository: { id: string; name: string };
  /** The snapshot holding it (a duplicate scan's findings are its snapshot's). */
  snapshot: { scanId: string; commitSha: string | null; at: string };
  /** The earliest snapshot of the repository with a finding of the same fingerprint: when it was introduced, as far as Heimdall saw. */
  firstSeen: { scanId: string; commitSha: string | null; at: string } | null;
  /** Against the previous snapshot: `new`, `unchanged`, or null for the first snapshot or a suppressed finding. */
  change: "new" | "unchanged" | null;
  rule: {
    description: string | null;
    scoring: string | null;
    weight: number | null;
    /** The rule's score and counted findings in this snapshot. */
    score: number | null;
    findingCount: number | null;
    guidance: RuleGuidanceDto | null;
  };
}

/** `GET /api/teams`: a team by name with how many repositories it holds (the navigation's team menu, the team filter). */
export interface TeamSummaryDto {
  slug: string;
  name: string;
  repositoryCount: number;
}

/** `GET /api/auth/session` (and the body of a successful sign-in or setup): who is signed in and what they may do. */
export interface SessionDto {
  user: {
    id: string;
    email: string;
    name: string | null;
    role: Role;
    team: { id: string; slug: string; name: string } | null;
  };
  /** Echo in X-CSRF-Token on every POST/PUT/PATCH/DELETE (also in the readable cookie `heimdall_csrf`). */
  csrfToken: string;
}

/** `GET|PUT /api/teams/:slug/gate`: a team's quality gate (the defaults when the team never set one). */
export interface QualityGateDto {
  team: string;
  /** Lowest score that passes; null: no score condition. */
  minScore: number | null;
  /** Fail when a snapshot has active error findings its previous snapshot did not have. */
  noNewErrors: boolean;
  /** Least line coverage per layer of the coverage rule, in percent, e.g. `{ "domain": 80 }`. */
  coverageByLayer: Record<string, number>;
  /** Webhooks send `score.dropped` when a snapshot scores more than this many points below the previous one; null: never. */
  scoreDropAlert: number | null;
  /** Null while the team uses the defaults. */
  updatedAt: string | null;
}

export type GateStatusDto = "pass" | "fail";

/** One condition of a gate verdict; `actual` is null when it could not be measured (the message says why). */
export interface GateConditionDto {
  /** `minScore`, `noNewErrors` or `coverage.<layer>`. */
  name: string;
  status: GateStatusDto;
  actual: number | null;
  expected: number;
  message: string;
}

/** `GET /api/repositories/:id/gate[?commit=sha]`: whether a snapshot passes its team's quality gate, and why. */
export interface GateVerdictDto {
  repository: { id: string; name: string; team: string };
  /** The snapshot's commit (full id). */
  commit: string | null;
  /** The scan that stores the snapshot judged. */
  scanId: string;
  score: number | null;
  grade: string | null;
  status: GateStatusDto;
  conditions: GateConditionDto[];
}

export type WebhookEventDto = "gate.failed" | "score.dropped";

/** `GET /api/webhooks`: a webhook as listed (never its secret). */
export interface WebhookDto {
  id: string;
  /** Team slug; null: an organisation webhook (every team's repositories). */
  team: string | null;
  url: string;
  events: WebhookEventDto[];
  createdAt: string;
  lastDelivery: {
    id: string;
    event: string;
    /** HTTP status of the last attempt; null when it got no answer (see `error`). */
    status: number | null;
    error: string | null;
    attempts: number;
    createdAt: string;
    deliveredAt: string | null;
  } | null;
}

/** `POST /api/webhooks` → 201: the webhook with its signing secret, shown this once. */
export interface CreatedWebhookDto extends WebhookDto {
  secret: string;
}

// ---- Access control (issue 7): users, API tokens, audit log.

/** `GET /api/users`: a user as admins see it (never the password hash). */
export interface UserDto {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** Leads and members belong to a team; admins never; viewers optionally. */
  team: { slug: string; name: string } | null;
  createdAt: string;
  disabledAt: string | null;
  /** When the user's newest live session started; null when they have none (never signed in, or signed out). */
  lastSignInAt: string | null;
}

/** `GET /api/tokens`: an API token as listed (its secret is never stored, only its first characters in `prefix`). */
export interface ApiTokenDto {
  id: string;
  name: string;
  /** The token's first characters ("hmd_AbC123"), to recognise it. */
  prefix: string;
  /** The team a team token acts for; null for an admin token. */
  team: { slug: string; name: string } | null;
  /** An admin token acts like an admin on everything; `scopes` is then empty. */
  admin: boolean;
  scopes: TokenScope[];
  /** Who created it: a user's email, "npm run admin", or "token <name>". */
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/tokens` → 201: the token with its secret, shown this once. */
export interface CreatedApiTokenDto extends ApiTokenDto {
  token: string;
}

/** One entry of the audit log (`GET /api/audit`). */
export interface AuditEventDto {
  id: string;
  at: string;
  /** "user:<id>", "token:<id>", "cli" (npm run admin) or "start" (npm start from HEIMDALL_ADMIN_EMAIL). */
  actor: string;
  /** The user's email or the token's name at the time. */
  actorLabel: string;
  /** Dotted verb: "user.create", "token.revoke", "repository.register"… */
  action: string;
  targetType: string;
  targetId: string | null;
  /** What changed; never a secret. */
  details: Record<string, unknown>;
  /** Client address as the nearest proxy reported it. */
  ip: string | null;
}

/** `GET /api/audit`: newest first; pass `nextBefore` as `before` for the next page (null: this is the last). */
export interface AuditPageDto {
  events: AuditEventDto[];
  nextBefore: string | null;
}
