import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analyzeRepository, ConfigFileError, pruneFactCache, findAnalyzer, type AnalysisReport, type Finding, type RuleReport } from "../../../analyzers";
import type { ScanDetailDto } from "../../_lib/dto";
import { getDb, type Prisma, type Repository } from "../db";
import { loadEnv } from "../env";
import { AppError, notFound } from "../errors";
import { CloneError, cloneRepository } from "../git/clone";
import { logger } from "../logger";
import { enqueueScan } from "../queue/boss";
import { toScanDto, toSnapshotDto, type ScanDto, type SnapshotDto } from "./dto";

/** Creates a queued scan and hands it to the queue; a worker does the cloning, never the web request. */
export async function requestScan(repositoryId: string, trigger = "manual"): Promise<ScanDto> {
  const db = getDb();
  const repository = await db.repository.findUnique({ where: { id: repositoryId }, select: { id: true } });
  if (!repository) throw notFound("Repository", repositoryId);
  const scan = await db.scan.create({ data: { repositoryId, trigger } });
  try {
    await enqueueScan({ scanId: scan.id });
  } catch (error) {
    logger.error({ err: error, scanId: scan.id }, "could not enqueue scan");
    await db.scan.update({ where: { id: scan.id }, data: { status: "failed", error: "The job queue is unavailable; try again shortly.", finishedAt: new Date() } });
    throw new AppError("unavailable", "The job queue is unavailable; the scan was not started.");
  }
  return toScanDto(scan);
}

export async function getScan(id: string): Promise<ScanDetailDto> {
  const scan = await getDb().scan.findUnique({
    where: { id },
    include: { ruleResults: { orderBy: { ruleId: "asc" } }, _count: { select: { findings: true } } },
  });
  if (!scan) throw notFound("Scan", id);
  return {
    ...toScanDto(scan),
    rules: scan.ruleResults.map(({ ruleId, guideTags, score, weight, findingCount }) => {
      const meta = findAnalyzer(ruleId)?.meta;
      return { ruleId, guideTags, score, weight, findingCount, description: meta?.description ?? null, scoring: meta?.scoring ?? null };
    }),
    findingCount: scan._count.findings,
  };
}

/** Succeeded scans of a repository, oldest first: the points of its score chart. */
export async function listSnapshots(repositoryId: string): Promise<SnapshotDto[]> {
  const db = getDb();
  const exists = await db.repository.count({ where: { id: repositoryId } });
  if (!exists) throw notFound("Repository", repositoryId);
  const scans = await db.scan.findMany({ where: { repositoryId, status: "succeeded" }, orderBy: { finishedAt: "asc" } });
  return scans.map(toSnapshotDto);
}

export interface ScanAttempt {
  /** True when pg-boss will not retry this job again after a failure. */
  isFinalAttempt: boolean;
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
  const startedAt = new Date();
  await db.scan.update({ where: { id: scanId }, data: { status: "running", startedAt, error: null, attempts: { increment: 1 } } });
  const log = logger.child({ scanId, repositoryId: scan.repositoryId });
  const workDir = await mkdtemp(path.join(tmpdir(), "heimdall-scan-"));
  try {
    const { commitSha, report } = await cloneAndAnalyze(scan.repository, workDir, attempt.signal);
    await saveSnapshot(scanId, commitSha, report, startedAt);
    log.info({ commit: commitSha, score: report.score, findings: report.findings.length, durationMs: Date.now() - startedAt.getTime() }, "scan succeeded");
  } catch (error) {
    await recordFailure(scanId, error, attempt, startedAt, log);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function cloneAndAnalyze(repository: Repository, workDir: string, signal: AbortSignal | undefined) {
  const checkout = await cloneRepository({
    source: repository.url,
    isLocal: repository.url.startsWith("/"),
    branch: repository.branch,
    workDir,
    timeoutMs: loadEnv().HEIMDALL_SCAN_TIMEOUT_SECONDS * 1000,
    ...(signal ? { signal } : {}),
  });
  signal?.throwIfAborted();
  // Facts of unchanged files are reused across scans and repositories (the cache is keyed by content, not by scan).
  const cacheDir = path.resolve(loadEnv().HEIMDALL_DATA_DIR, "cache");
  const report = await analyzeRepository(checkout.dir, { cacheDir, ...(signal ? { signal } : {}) });
  pruneCacheNowAndThen(cacheDir);
  return { commitSha: checkout.commitSha, report };
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
  const permanent = (error instanceof CloneError || error instanceof ConfigFileError) && !attempt.signal?.aborted;
  const message = permanent ? (error as Error).message : `Scan failed: ${error instanceof Error ? error.message : String(error)}`;
  log.warn({ err: error, permanent, final: attempt.isFinalAttempt }, "scan attempt failed");
  if (permanent || attempt.isFinalAttempt) {
    await markFailed(scanId, message, startedAt);
    return;
  }
  await getDb().scan.update({ where: { id: scanId }, data: { status: "queued", error: `${message} (will retry)` } });
  throw error;
}

async function markFailed(scanId: string, message: string, startedAt: Date): Promise<void> {
  const finishedAt = new Date();
  await getDb().scan.update({
    where: { id: scanId },
    data: { status: "failed", error: message, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() },
  });
}

/** Scan, rule results and findings in one transaction: a snapshot is whole or absent. */
export async function saveSnapshot(scanId: string, commitSha: string, report: AnalysisReport, startedAt: Date): Promise<void> {
  const finishedAt = new Date();
  const stats = { ...report.stats, suppressions: report.suppressions } as unknown as Prisma.InputJsonValue;
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  await getDb().$transaction(async (tx) => {
    await tx.ruleResult.deleteMany({ where: { scanId } });
    await tx.finding.deleteMany({ where: { scanId } });
    await tx.ruleResult.createMany({ data: report.rules.map((rule) => ruleResultRow(scanId, rule)) });
    await tx.finding.createMany({ data: report.findings.map((finding) => findingRow(scanId, finding)) });
    await tx.scan.update({
      where: { id: scanId },
      data: { status: "succeeded", commitSha, score: report.score, grade: report.grade, engineVersion: report.engineVersion, guideVersion: report.guideVersion, rulesetVersion: report.rulesetVersion, stats, error: null, finishedAt, durationMs },
    });
  }, { timeout: 60_000 });
}

function ruleResultRow(scanId: string, rule: RuleReport): Prisma.RuleResultCreateManyInput {
  const { id: ruleId, guideTags, score, weight, findingCount, suppressedCount, metrics } = rule;
  return { scanId, ruleId, guideTags, score, weight, findingCount, suppressedCount, metrics };
}

function findingRow(scanId: string, finding: Finding): Prisma.FindingCreateManyInput {
  const { ruleId, guideTags, severity, file, line, endLine, message, fingerprint } = finding;
  return {
    ...{ scanId, ruleId, guideTags, severity, file, line, endLine, message, fingerprint },
    snippet: finding.snippet ?? null,
    suppressedKind: finding.suppressed?.kind ?? null,
    suppressedReason: finding.suppressed?.reason ?? null,
    suppressedLine: finding.suppressed?.line ?? null,
  };
}
