import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analyzeRepository, ConfigFileError, pruneFactCache, findAnalyzer, type AnalysisReport, type Finding, type ProgressEvent, type RuleReport } from "../../../analyzers";
import type { ScanDetailDto, ScanPageDto } from "../../_lib/dto";
import { getDb, type Prisma, type Repository, type Scan } from "../db";
import { loadEnv } from "../env";
import { AppError, notFound } from "../errors";
import { CloneError, cloneRepository, type Checkout } from "../git/clone";
import { logger } from "../logger";
import { ENQUEUE_GRACE_MS, enqueueScan, isJobInProgress } from "../queue/boss";
import { openAccessToken } from "./access-tokens";
import { scanInputsFor } from "./coverage";
import { recordScanProgress } from "./scan-progress";
import { toScanDto, toSnapshotDto, type ScanDto, type SnapshotDto } from "./dto";
import { notifySnapshotStored } from "./webhooks";
import { storeSectionScores } from "./dashboard/section-scores";

/**
 * Creates a queued scan and hands it to the queue; a worker does the cloning, never the web request. While a scan of the
 * repository's branch is queued or running, that scan is answered instead: requests at the same time give one job.
 */
export async function requestScan(repositoryId: string, trigger = "manual"): Promise<ScanDto> {
  const db = getDb();
  const repository = await db.repository.findUnique({ where: { id: repositoryId }, select: { id: true } });
  if (!repository) throw notFound("Repository", repositoryId);
  const { scan, created } = await claimScan(repositoryId, trigger);
  if (!created) return toScanDto(scan);
  try {
    await enqueueScan({ scanId: scan.id }, scan.jobId ?? undefined);
  } catch (error) {
    logger.error({ err: error, scanId: scan.id }, "could not enqueue scan");
    await db.scan.update({ where: { id: scan.id }, data: { status: "failed", error: "The job queue is unavailable; try again shortly.", finishedAt: new Date() } });
    throw new AppError("unavailable", "The job queue is unavailable; the scan was not started.");
  }
  return toScanDto(scan);
}

/** Advisory-lock namespaces (first key of `pg_advisory_xact_lock(int, int)`), so Heimdall's locks never meet others'. */
const LOCK_SCAN_REQUEST = 0x4d01;
const LOCK_SNAPSHOT = 0x4d02;
/** A scan row is written just before its job is sent: for this long a missing job is still on its way. */

/**
 * Under a per-repository lock: the branch scan already queued or running, or a new queued scan with its job id chosen
 * up front. A queued or running scan whose job has ended (its worker was killed on the last attempt) is marked failed.
 */
async function claimScan(repositoryId: string, trigger: string): Promise<{ scan: Scan; created: boolean }> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_SCAN_REQUEST}::int, hashtext(${repositoryId}))`;
    const active = await tx.scan.findFirst({
      where: { repositoryId, status: { in: ["queued", "running"] }, commitSha: null },
      orderBy: { queuedAt: "desc" },
    });
    if (active && (await isJobInProgress(active.jobId, active.queuedAt))) return { scan: active, created: false };
    if (active) await tx.scan.update({ where: { id: active.id }, data: deadLettered() });
    return { scan: await tx.scan.create({ data: { repositoryId, trigger, jobId: randomUUID() } }), created: true };
  }, { timeout: 30_000 });
}

const JOB_DIED = "The scan's job ended without a result: its worker stopped or was killed on the last attempt.";

/** The columns of a scan whose job died: failed, on the dead-letter list, with the one reason for it. */
function deadLettered() {
  const now = new Date();
  return { status: "failed" as const, error: JOB_DIED, finishedAt: now, deadLetteredAt: now };
}

/**
 * Moves a scan whose job pg-boss gave up on to the dead-letter list, unless the scan already ended (a handled last
 * failure completes its job, so only a job whose worker died gets here). Run for each job on the dead-letter queue.
 */
export async function deadLetterScan(scanId: string): Promise<void> {
  await getDb().scan.updateMany({ where: { id: scanId, status: { in: ["queued", "running"] } }, data: deadLettered() });
}

/**
 * Queued or running branch scans whose job is no longer live (deleted, or died where the dead-letter queue did not
 * see it) join the dead-letter list. Run by the scheduler's tick; returns how many it moved.
 */
export async function sweepAbandonedScans(): Promise<number> {
  const candidates = await getDb().scan.findMany({
    where: { status: { in: ["queued", "running"] }, backfillId: null, jobId: { not: null }, queuedAt: { lt: new Date(Date.now() - ENQUEUE_GRACE_MS) } },
    take: 500,
  });
  let swept = 0;
  for (const scan of candidates) {
    if (await isJobInProgress(scan.jobId, scan.queuedAt)) continue;
    await deadLetterScan(scan.id);
    swept += 1;
  }
  return swept;
}

/** Runs a failed scan again as a new scan of the repository's branch (the failed one stays in the history). */
export async function retryScan(scanId: string): Promise<ScanDto> {
  const scan = await getDb().scan.findUnique({ where: { id: scanId } });
  if (!scan) throw notFound("Scan", scanId);
  if (scan.status !== "failed") throw new AppError("conflict", `Only a failed scan can be retried; this one is ${scan.status}.`);
  if (scan.backfillId) throw new AppError("conflict", "This scan is a backfill point; request the backfill again to retry its failed points.");
  return requestScan(scan.repositoryId, "retry");
}

/** Scans on the dead-letter list, newest first, optionally of one repository or of one team's repositories. */
export async function listDeadLetters({ repositoryId, teamId }: { repositoryId?: string | undefined; teamId?: string | null } = {}): Promise<ScanDto[]> {
  const scans = await getDb().scan.findMany({
    where: { deadLetteredAt: { not: null }, ...(repositoryId ? { repositoryId } : {}), ...(teamId ? { repository: { teamId } } : {}) },
    orderBy: { deadLetteredAt: "desc" },
    take: 100,
  });
  return scans.map(toScanDto);
}

/** A scan with its rule results; a duplicate scan shows those of the scan that stores its snapshot. */
export async function getScan(id: string): Promise<ScanDetailDto> {
  const db = getDb();
  const scan = await db.scan.findUnique({ where: { id } });
  if (!scan) throw notFound("Scan", id);
  const holderId = scan.duplicateOfId ?? scan.id;
  const [ruleResults, findingCount, changes] = await Promise.all([
    db.ruleResult.findMany({ where: { scanId: holderId }, orderBy: { ruleId: "asc" } }),
    db.finding.count({ where: { scanId: holderId } }),
    changesSincePrevious(scan),
  ]);
  return {
    ...toScanDto(scan),
    changes,
    rules: ruleResults.map(({ ruleId, guideTags, score, weight, findingCount }) => {
      const meta = findAnalyzer(ruleId)?.meta;
      return { ruleId, guideTags, score, weight, findingCount, description: meta?.description ?? null, scoring: meta?.scoring ?? null };
    }),
    findingCount,
  };
}

/**
 * Findings that are new in this snapshot and findings of the previous snapshot that are gone, told apart by their
 * stable fingerprints (suppressed findings count as neither). Null before the scan has a snapshot.
 */
async function changesSincePrevious(scan: Scan): Promise<ScanDetailDto["changes"]> {
  const holderId = scan.duplicateOfId ?? scan.id;
  if (scan.status !== "succeeded") return null;
  const db = getDb();
  const holder = scan.duplicateOfId ? await db.scan.findUnique({ where: { id: holderId } }) : scan;
  const previous = holder ? await previousSnapshot(holder) : null;
  if (!previous) return { previousScanId: null, newFindings: null, fixedFindings: null };
  const [{ added = 0n, gone = 0n } = {}] = await db.$queryRaw<Array<{ added: bigint; gone: bigint }>>`
    SELECT
      (SELECT count(*) FROM "Finding" f WHERE f."scanId" = ${holderId} AND f."suppressedReason" IS NULL AND NOT EXISTS
        (SELECT 1 FROM "Finding" p WHERE p."scanId" = ${previous.id} AND p."fingerprint" = f."fingerprint" AND p."suppressedReason" IS NULL)) AS added,
      (SELECT count(*) FROM "Finding" p WHERE p."scanId" = ${previous.id} AND p."suppressedReason" IS NULL AND NOT EXISTS
        (SELECT 1 FROM "Finding" f WHERE f."scanId" = ${holderId} AND f."fingerprint" = p."fingerprint" AND f."suppressedReason" IS NULL)) AS gone`;
  return { previousScanId: previous.id, newFindings: Number(added), fixedFindings: Number(gone) };
}

/** "Previous" in history order: the snapshot of the newest earlier commit (a backfill stores snapshots out of order). */
async function previousSnapshot(snapshot: Scan): Promise<Scan | null> {
  const before = snapshot.committedAt
    ? { OR: [{ committedAt: { lt: snapshot.committedAt } }, { committedAt: null }] }
    : { committedAt: null, finishedAt: { lt: snapshot.finishedAt ?? new Date(0) } };
  return getDb().scan.findFirst({
    where: { repositoryId: snapshot.repositoryId, status: "succeeded", duplicateOfId: null, id: { not: snapshot.id }, ...before },
    orderBy: [{ committedAt: { sort: "desc", nulls: "last" } }, { finishedAt: "desc" }],
  });
}

/**
 * Stored snapshots of a repository in commit order, oldest first: the points of its score chart (a backfilled past
 * commit takes its place in history, not at the end). A scan that found its commit already
 * stored (a duplicate) adds no point; the repository's `current` still moves to it.
 */
export async function listSnapshots(repositoryId: string): Promise<SnapshotDto[]> {
  const db = getDb();
  const exists = await db.repository.count({ where: { id: repositoryId } });
  if (!exists) throw notFound("Repository", repositoryId);
  const scans = await db.scan.findMany({
    where: { repositoryId, status: "succeeded", duplicateOfId: null },
    orderBy: [{ committedAt: { sort: "asc", nulls: "first" } }, { finishedAt: "asc" }],
  });
  return scans.map(toSnapshotDto);
}

export interface ScanAttempt {
  /** True when pg-boss will not retry this job again after a failure. */
  isFinalAttempt: boolean;
  /** How many times the job has run, this run included (for the failure message). */
  attempts?: number;
  signal?: AbortSignal;
}

/**
 * Runs one scan: hardened clone into a scratch folder, analysis, then the snapshot in one transaction. A clone that
 * cannot succeed fails the scan at once with a readable reason; other errors are rethrown for pg-boss to retry.
 * Earlier snapshots are never touched.
 */
export async function runScan(scanId: string, attempt: ScanAttempt): Promise<void> {
  const db = getDb();
  const scan = await db.scan.findUnique({ where: { id: scanId }, include: { repository: true } });
  if (!scan || scan.status === "succeeded") return;
  const startedAt = await markRunning(scanId);
  const log = logger.child({ scanId, repositoryId: scan.repositoryId });
  const workDir = await mkdtemp(path.join(tmpdir(), "heimdall-scan-"));
  const limit = scanTimeLimit(attempt.signal);
  try {
    const checkout = await checkoutRepository(scan.repository, workDir, limit.signal);
    await scanCheckout(scanId, checkout, startedAt, limit.signal, log);
  } catch (error) {
    // Its repository was deleted while it ran (the rows cascade away): nothing to record, nothing to retry.
    if (!(await db.scan.count({ where: { id: scanId } }))) {
      log.info({ err: error }, "scan ended: its repository was deleted while it ran");
      return;
    }
    await recordFailure(scanId, limit.explain(error), attempt, startedAt, log);
  } finally {
    limit.clear();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Marks a scan running for one more attempt and returns when it started. */
export async function markRunning(scanId: string): Promise<Date> {
  const startedAt = new Date();
  await getDb().scan.update({ where: { id: scanId }, data: { status: "running", startedAt, error: null, attempts: { increment: 1 } } });
  return startedAt;
}

/** A scan that ran out of HEIMDALL_SCAN_TIMEOUT_SECONDS: it would run out again, so it is not retried. */
export class ScanTimeoutError extends Error {
  override name = "ScanTimeoutError";
}

/** A scan's time limit: the signal to pass on, and what to do with the error it caused. */
export interface ScanTimeLimit {
  signal: AbortSignal;
  explain(error: unknown): unknown;
  clear(): void;
}

/**
 * The whole scan (clone and analysis) is bounded by HEIMDALL_SCAN_TIMEOUT_SECONDS, so it ends by itself before pg-boss
 * gives its job up for dead; the job's own signal (worker shutdown) still aborts it for a retry.
 */
export function scanTimeLimit(jobSignal: AbortSignal | undefined): ScanTimeLimit {
  const seconds = loadEnv().HEIMDALL_SCAN_TIMEOUT_SECONDS;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new ScanTimeoutError(`The scan took longer than ${seconds} s (HEIMDALL_SCAN_TIMEOUT_SECONDS) and was stopped.`)), seconds * 1000);
  timer.unref();
  const signal = jobSignal ? AbortSignal.any([jobSignal, timeout.signal]) : timeout.signal;
  return {
    signal,
    /** The timeout's own error when the time limit is what stopped the scan, whatever git or the engine threw. */
    explain: (error: unknown): unknown => (timeout.signal.aborted && !jobSignal?.aborted ? timeout.signal.reason : error),
    clear: () => clearTimeout(timer),
  };
}

/** The hardened clone of the repository's branch into `workDir`, bounded by the scan timeout and the job's signal. */
async function checkoutRepository(repository: Repository, workDir: string, signal: AbortSignal | undefined): Promise<Checkout> {
  // Decrypted only here, for the clone; a token that cannot be decrypted fails the scan for good (CloneError).
  const accessToken = openAccessToken(repository);
  const checkout = await cloneRepository({
    source: repository.url,
    isLocal: repository.url.startsWith("/"),
    branch: repository.branch,
    workDir,
    timeoutMs: loadEnv().HEIMDALL_SCAN_TIMEOUT_SECONDS * 1000,
    ...(accessToken ? { accessToken } : {}),
    ...(signal ? { signal } : {}),
  });
  signal?.throwIfAborted();
  return checkout;
}

/**
 * Analyzes a checked-out commit and stores its snapshot on the scan (or marks it a duplicate of the stored one). The
 * analysis's progress is kept on the scan for the scan page (at most one write a second) and cleared when it ends.
 */
export async function scanCheckout(scanId: string, checkout: Checkout, startedAt: Date, signal: AbortSignal | undefined, log: typeof logger): Promise<void> {
  const scan = await getDb().scan.findUniqueOrThrow({ where: { id: scanId }, select: { repositoryId: true } });
  const progress = recordScanProgress(scanId, startedAt);
  let report: AnalysisReport;
  try {
    const analysis = await analyzeCheckout(scan.repositoryId, checkout, signal, progress.report);
    report = analysis.report;
    progress.report({ phase: "saving" });
    await saveSnapshot(scanId, checkout, report, startedAt, analysis.inputsDigest);
  } finally {
    await progress.clear();
  }
  const durationMs = Date.now() - startedAt.getTime();
  log.info({ commit: checkout.commitSha, score: report.score, findings: report.findings.length, partial: report.partial !== null, cache: report.stats.cache, durationMs }, "scan succeeded");
}

async function analyzeCheckout(repositoryId: string, checkout: Checkout, signal: AbortSignal | undefined, onProgress: (event: ProgressEvent) => void) {
  // Coverage CI uploaded for this commit replaces reports in the checkout; its digest is part of the snapshot's key.
  const { inputs, digest } = await scanInputsFor(repositoryId, checkout.commitSha);
  // Facts of unchanged files are reused across scans and repositories (the cache is keyed by content, not by scan).
  const env = loadEnv();
  const cacheDir = path.resolve(env.HEIMDALL_DATA_DIR, "cache");
  const limits = { maxFileBytes: env.HEIMDALL_MAX_FILE_KB * 1024, maxFiles: env.HEIMDALL_MAX_FILES };
  const report = await analyzeRepository(checkout.dir, { cacheDir, inputs, ...limits, onProgress, ...(signal ? { signal } : {}) });
  pruneCacheNowAndThen(cacheDir);
  return { report, inputsDigest: digest };
}

const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
let lastPrunedAt = 0;

/** Keeps the analysis cache within HEIMDALL_CACHE_MAX_MB, checked at most every ten minutes, off the scan's path. */
function pruneCacheNowAndThen(cacheDir: string): void {
  if (Date.now() - lastPrunedAt < PRUNE_INTERVAL_MS) return;
  lastPrunedAt = Date.now();
  pruneFactCache(cacheDir, loadEnv().HEIMDALL_CACHE_MAX_MB * 1024 * 1024)
    .then((result) => { if (result.removed > 0) logger.info({ component: "cache", ...result }, "analysis cache pruned"); })
    .catch((error: unknown) => logger.warn({ component: "cache", err: error }, "analysis cache could not be pruned"));
}

/**
 * A clone that cannot succeed or a broken heimdall.config.json will not heal by retrying: the scan fails now. Anything
 * else is rethrown for pg-boss to retry, until the last attempt, which fails the scan with the reason.
 */
async function recordFailure(scanId: string, error: unknown, attempt: ScanAttempt, startedAt: Date, log: typeof logger): Promise<void> {
  const permanent = isPermanentFailure(error) && !attempt.signal?.aborted;
  const message = permanent ? (error as Error).message : `Scan failed: ${error instanceof Error ? error.message : String(error)}`;
  log.warn({ err: error, permanent, final: attempt.isFinalAttempt }, "scan attempt failed");
  if (permanent) {
    await markFailed(scanId, message, startedAt);
    return;
  }
  if (attempt.isFinalAttempt) {
    // Retries are used up: the scan goes to the dead-letter list, where the UI offers to run it again.
    await markFailed(scanId, `${message} (failed after ${attempt.attempts ?? "all"} attempts)`, startedAt, new Date());
    return;
  }
  await getDb().scan.update({ where: { id: scanId }, data: { status: "queued", error: `${message} (will retry)` } });
  throw error;
}

/** Failures that happen again on a retry: a refused clone, a broken heimdall.config.json, a scan over its time limit. */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof CloneError || error instanceof ConfigFileError || error instanceof ScanTimeoutError;
}

/** Fails a scan with its reason; `deadLetteredAt` when its retries are used up (the dead-letter list). */
export async function markFailed(scanId: string, message: string, startedAt: Date, deadLetteredAt: Date | null = null): Promise<void> {
  const finishedAt = new Date();
  await getDb().scan.update({
    where: { id: scanId },
    data: { status: "failed", error: message, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime(), deadLetteredAt },
  });
}

/**
 * Scan, rule results and findings in one transaction: a snapshot is whole or absent. A snapshot is stored once per
 * repository, commit, ruleset version and inputs (its key, unique in the database): when another scan already stored
 * it, this scan succeeds as its duplicate and writes no rule results or findings. A lock on the key orders scans that
 * finish the same snapshot at once.
 */
export async function saveSnapshot(scanId: string, commit: Pick<Checkout, "commitSha" | "committedAt">, report: AnalysisReport, startedAt: Date, inputsDigest: string | null = null): Promise<void> {
  const db = getDb();
  const { repositoryId } = await db.scan.findUniqueOrThrow({ where: { id: scanId }, select: { repositoryId: true } });
  const snapshotKey = snapshotKeyOf(repositoryId, commit.commitSha, report.rulesetVersion, inputsDigest);
  const outcome = scanOutcome(commit, report, startedAt, inputsDigest);
  const isNewSnapshot = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_SNAPSHOT}::int, hashtext(${snapshotKey}))`;
    await tx.ruleResult.deleteMany({ where: { scanId } });
    await tx.finding.deleteMany({ where: { scanId } });
    const stored = await tx.scan.findUnique({ where: { snapshotKey }, select: { id: true, score: true, grade: true } });
    if (stored && stored.id !== scanId) {
      await tx.scan.update({ where: { id: scanId }, data: { ...outcome, duplicateOfId: stored.id, score: stored.score, grade: stored.grade } });
      return false;
    }
    await tx.ruleResult.createMany({ data: report.rules.map((rule) => ruleResultRow(scanId, rule)) });
    await storeSectionScores(tx, scanId);
    await insertFindings(tx, scanId, report.findings);
    await tx.scan.update({ where: { id: scanId }, data: { ...outcome, snapshotKey, score: report.score, grade: report.grade } });
    return true;
  }, { timeout: 60_000 });
  // Gate and score-drop webhooks: queued in the background; a failure there is logged and never fails the scan.
  if (isNewSnapshot) notifySnapshotStored(scanId);
}

/** What identifies a stored snapshot: the same code, scored by the same rules, with the same uploaded inputs. */
function snapshotKeyOf(repositoryId: string, commitSha: string, rulesetVersion: string, inputsDigest: string | null): string {
  return createHash("sha256").update([repositoryId, commitSha, rulesetVersion, inputsDigest ?? ""].join("\u0000")).digest("hex");
}

/** The columns every succeeded scan gets, whether it stores its snapshot or is a duplicate. */
function scanOutcome({ commitSha, committedAt }: Pick<Checkout, "commitSha" | "committedAt">, report: AnalysisReport, startedAt: Date, inputsDigest: string | null) {
  const finishedAt = new Date();
  const stats = { ...report.stats, suppressions: report.suppressions } as unknown as Prisma.InputJsonValue;
  const { engineVersion, guideVersion, rulesetVersion } = report;
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const partialReason = report.partial ? report.partial.join(" ") : null;
  return { status: "succeeded" as const, commitSha, committedAt, partialReason, engineVersion, guideVersion, rulesetVersion, stats, inputsDigest, error: null, deadLetteredAt: null, finishedAt, durationMs };
}

function ruleResultRow(scanId: string, rule: RuleReport): Prisma.RuleResultCreateManyInput {
  const { id: ruleId, guideTags, score, weight, findingCount, suppressedCount, metrics } = rule;
  return { scanId, ruleId, guideTags, score, weight, findingCount, suppressedCount, metrics };
}

function findingRow(finding: Finding) {
  const { ruleId, guideTags, severity, file, line, endLine, message, fingerprint } = finding;
  return {
    ...{ ruleId, guideTags, severity, file, line, endLine, message, fingerprint },
    snippet: finding.snippet ?? null,
    suppressedKind: finding.suppressed?.kind ?? null,
    suppressedReason: finding.suppressed?.reason ?? null,
    suppressedLine: finding.suppressed?.line ?? null,
  };
}

/** Findings per INSERT statement: a few MB of JSON at most. */
const FINDINGS_PER_STATEMENT = 5_000;

/**
 * Writes a snapshot's findings with one INSERT … SELECT FROM json_to_recordset per 5,000 rows: a large repository's
 * ~11,000 findings took ~4.5 s with createMany (bound parameters, split into many statements), well under a second
 * this way. An invalid value (an unknown severity) fails the statement, and with it the snapshot's transaction.
 */
async function insertFindings(tx: Prisma.TransactionClient, scanId: string, findings: readonly Finding[]): Promise<void> {
  for (let start = 0; start < findings.length; start += FINDINGS_PER_STATEMENT) {
    const rows = JSON.stringify(findings.slice(start, start + FINDINGS_PER_STATEMENT).map(findingRow));
    await tx.$executeRaw`
      INSERT INTO "Finding" ("id", "scanId", "ruleId", "guideTags", "severity", "file", "line", "endLine", "message", "fingerprint", "snippet", "suppressedKind", "suppressedReason", "suppressedLine")
      SELECT gen_random_uuid()::text, ${scanId}, r."ruleId", r."guideTags", r."severity"::"Severity", r."file", r."line", r."endLine", r."message", r."fingerprint", r."snippet", r."suppressedKind", r."suppressedReason", r."suppressedLine"
      FROM json_to_recordset(${rows}::json) AS r("ruleId" text, "guideTags" text[], "severity" text, "file" text, "line" int, "endLine" int, "message" text, "fingerprint" text, "snippet" text, "suppressedKind" text, "suppressedReason" text, "suppressedLine" int)`;
  }
}

/**
 * One page of the repository's scan history, newest first: the scans of its branch of every status (backfill points
 * show on their backfill instead), with how many there are in all. 404 for an unknown repository.
 */
export async function listScans(repositoryId: string, { page, pageSize }: { page: number; pageSize: number }): Promise<ScanPageDto> {
  const db = getDb();
  if (!(await db.repository.count({ where: { id: repositoryId } }))) throw notFound("Repository", repositoryId);
  const where = { repositoryId, backfillId: null };
  const [scans, total] = await Promise.all([
    db.scan.findMany({ where, orderBy: [{ queuedAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.scan.count({ where }),
  ]);
  return { scans: scans.map(toScanDto), total, page, pageSize };
}
