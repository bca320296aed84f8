import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { BackfillDto } from "../../_lib/dto";
import { getDb, type Prisma, type Repository } from "../db";
import { loadEnv } from "../env";
import { AppError, notFound } from "../errors";
import { cloneHistory, type HistoryClone } from "../git/clone";
import { logger } from "../logger";
import { BACKFILL_QUEUE, backfillBudgetSeconds, ENQUEUE_GRACE_MS, enqueueBackfill, isJobInProgress } from "../queue/boss";
import { openAccessToken } from "./access-tokens";
import { scanCheckout, isPermanentFailure, markFailed, markRunning, scanTimeLimit, type ScanAttempt } from "./scans";

const DAY_MS = 24 * 60 * 60 * 1000;
/** More points than five years of weeks is a mistake, not a trend. */
export const MAX_BACKFILL_POINTS = 260;
const MAX_BACKFILL_YEARS = 10;

export const backfillInput = z
  .strictObject({
    /** Oldest date to go back to (ISO date or date-time); default one year ago. */
    since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    /** One point per this many days (default 7: weekly). */
    intervalDays: z.number().int().min(1).max(365).optional(),
    /** Or one point per this many first-parent commits. */
    everyCommits: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((input) => input.intervalDays === undefined || input.everyCommits === undefined, { message: "Give intervalDays or everyCommits, not both." });

export type BackfillInput = z.infer<typeof backfillInput>;

/** A backfill's plan: where to stop, and how far apart the points are. */
export interface BackfillPlan {
  since: Date;
  intervalDays: number | null;
  everyCommits: number | null;
}

/** Validates a backfill request: `since` in the past and at most ten years back, weekly unless told otherwise. */
export function planBackfill(raw: unknown, now = new Date()): BackfillPlan {
  const input = backfillInput.parse(raw);
  const since = input.since ? new Date(input.since) : new Date(now.getTime() - 365 * DAY_MS);
  if (since.getTime() >= now.getTime()) throw new AppError("invalid_request", "since must be in the past.");
  if (now.getTime() - since.getTime() > MAX_BACKFILL_YEARS * 365 * DAY_MS) throw new AppError("invalid_request", `since may be at most ${MAX_BACKFILL_YEARS} years back.`);
  const everyCommits = input.everyCommits ?? null;
  return { since, everyCommits, intervalDays: everyCommits === null ? (input.intervalDays ?? 7) : null };
}

export interface HistoryCommit {
  sha: string;
  committedAt: Date;
}

/**
 * The commits a backfill scans, newest first, from first-parent history (newest first): with `intervalDays`, the
 * newest commit at or before each point in time stepping back from the newest commit (a quiet week repeats no
 * commit); with `everyCommits`, every Nth commit. Nothing older than `since`, at most MAX_BACKFILL_POINTS.
 */
export function choosePoints(commits: readonly HistoryCommit[], plan: BackfillPlan): HistoryCommit[] {
  return plan.everyCommits !== null ? everyNthCommit(commits, plan.everyCommits, plan.since) : commitsAtIntervals(commits, (plan.intervalDays ?? 7) * DAY_MS, plan.since);
}

function everyNthCommit(commits: readonly HistoryCommit[], step: number, since: Date): HistoryCommit[] {
  const chosen: HistoryCommit[] = [];
  for (let index = 0; index < commits.length && chosen.length < MAX_BACKFILL_POINTS; index += step) {
    const commit = commits[index];
    if (!commit || commit.committedAt < since) break;
    chosen.push(commit);
  }
  return chosen;
}

/** The newest commit at or before each point in time, stepping back `stepMs` from the newest commit to `since`. */
function commitsAtIntervals(commits: readonly HistoryCommit[], stepMs: number, since: Date): HistoryCommit[] {
  const chosen: HistoryCommit[] = [];
  let cursor = 0;
  for (let at = commits[0]?.committedAt.getTime() ?? -Infinity; at >= since.getTime() && chosen.length < MAX_BACKFILL_POINTS; at -= stepMs) {
    while ((commits[cursor]?.committedAt.getTime() ?? -Infinity) > at) cursor += 1;
    const commit = commits[cursor];
    if (!commit) break;
    if (chosen.at(-1)?.sha !== commit.sha) chosen.push(commit);
  }
  return chosen;
}

/**
 * Queues a backfill of the repository's branch. While one is queued or running it is answered instead, so a double
 * click starts one backfill. The worker picks the points once it has read the history.
 */
export async function requestBackfill(repositoryId: string, raw: unknown): Promise<BackfillDto> {
  const plan = planBackfill(raw);
  const db = getDb();
  if (!(await db.repository.count({ where: { id: repositoryId } }))) throw notFound("Repository", repositoryId);
  const active = await db.backfill.findFirst({ where: { repositoryId, status: { in: ["queued", "running"] } }, orderBy: { requestedAt: "desc" } });
  if (active && (await isJobInProgress(active.jobId, active.requestedAt, BACKFILL_QUEUE))) return toBackfillDto(active);
  if (active) await failBackfill(active.id, ABANDONED);
  const backfill = await db.backfill.create({ data: { repositoryId, ...plan, jobId: randomUUID() } });
  try {
    await enqueueBackfill({ backfillId: backfill.id }, backfill.jobId ?? undefined);
  } catch (error) {
    logger.error({ err: error, backfillId: backfill.id }, "could not enqueue backfill");
    await failBackfill(backfill.id, "The job queue is unavailable; try again shortly.");
    throw new AppError("unavailable", "The job queue is unavailable; the backfill was not started.");
  }
  return toBackfillDto(backfill);
}

const ABANDONED = "The backfill's job ended without a result (its worker stopped on the last attempt).";
/** One backfill with its progress; 404 for an unknown id. */
export async function getBackfill(id: string): Promise<BackfillDto> {
  const backfill = await getDb().backfill.findUnique({ where: { id } });
  if (!backfill) throw notFound("Backfill", id);
  return toBackfillDto(backfill, await pointCounts(id));
}

/** The repository's backfills, newest first. */
export async function listBackfills(repositoryId: string): Promise<BackfillDto[]> {
  const db = getDb();
  if (!(await db.repository.count({ where: { id: repositoryId } }))) throw notFound("Repository", repositoryId);
  const backfills = await db.backfill.findMany({ where: { repositoryId }, orderBy: { requestedAt: "desc" }, take: 20 });
  return Promise.all(backfills.map(async (backfill) => toBackfillDto(backfill, await pointCounts(backfill.id))));
}

async function pointCounts(backfillId: string): Promise<BackfillDto["points"]> {
  const groups = await getDb().scan.groupBy({ by: ["status"], where: { backfillId }, _count: { _all: true } });
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  return { queued: count("queued") + count("running"), succeeded: count("succeeded"), failed: count("failed") };
}

function toBackfillDto(backfill: Prisma.BackfillGetPayload<object>, points: BackfillDto["points"] = { queued: 0, succeeded: 0, failed: 0 }): BackfillDto {
  return {
    id: backfill.id,
    repositoryId: backfill.repositoryId,
    status: backfill.status,
    since: backfill.since.toISOString(),
    intervalDays: backfill.intervalDays,
    everyCommits: backfill.everyCommits,
    total: backfill.total,
    done: backfill.done,
    points,
    error: backfill.error,
    requestedAt: backfill.requestedAt.toISOString(),
    startedAt: backfill.startedAt?.toISOString() ?? null,
    finishedAt: backfill.finishedAt?.toISOString() ?? null,
  };
}

/** A backfill failed as a whole: its points that never ran fail with it, their reason naming the backfill's. */
async function failBackfill(backfillId: string, message: string): Promise<void> {
  const db = getDb();
  const finishedAt = new Date();
  await db.$transaction([
    db.scan.updateMany({ where: { backfillId, status: { in: ["queued", "running"] } }, data: { status: "failed", error: `Backfill failed: ${message}`, finishedAt } }),
    db.backfill.update({ where: { id: backfillId }, data: { status: "failed", error: message, finishedAt } }),
  ]);
}

/**
 * Runs a backfill job: one hardened clone of the branch's history, then each point checked out and scanned in turn.
 * Files unchanged between points come from the per-file analysis cache (keyed by blob id and engine version), so a
 * year of weekly points costs far less than as many full scans. A point that fails is recorded and the rest go on;
 * points already done are skipped when the job is retried; after its time budget the job hands the rest to a
 * follow-up job.
 */
export async function runBackfill(backfillId: string, attempt: ScanAttempt): Promise<void> {
  const db = getDb();
  const backfill = await db.backfill.findUnique({ where: { id: backfillId }, include: { repository: true } });
  if (!backfill || backfill.status === "succeeded" || backfill.status === "failed") return;
  await db.backfill.update({ where: { id: backfillId }, data: { status: "running", startedAt: backfill.startedAt ?? new Date(), error: null } });
  const log = logger.child({ backfillId, repositoryId: backfill.repositoryId });
  const workDir = await mkdtemp(path.join(tmpdir(), "heimdall-backfill-"));
  try {
    const plan = { since: backfill.since, intervalDays: backfill.intervalDays, everyCommits: backfill.everyCommits };
    const history = await cloneForBackfill(backfill.repository, plan, workDir, attempt.signal);
    if (backfill.total === null) await createPoints(backfillId, backfill.repositoryId, choosePoints(history.commits, plan));
    if (await scanPoints(backfillId, history, attempt, log)) await finishBackfill(backfillId, log);
  } catch (error) {
    await recordBackfillFailure(backfillId, error, attempt, log);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The branch's history back one more interval than `since`, so the oldest point has the commit current at `since`. */
async function cloneForBackfill(repository: Repository, plan: BackfillPlan, workDir: string, signal: AbortSignal | undefined): Promise<HistoryClone> {
  const horizon = new Date(plan.since.getTime() - (plan.intervalDays ?? 30) * DAY_MS);
  const accessToken = openAccessToken(repository);
  const clone = { source: repository.url, isLocal: repository.url.startsWith("/"), branch: repository.branch, workDir, timeoutMs: loadEnv().HEIMDALL_SCAN_TIMEOUT_SECONDS * 1000 };
  return cloneHistory({ ...clone, ...(accessToken ? { accessToken } : {}), ...(signal ? { signal } : {}) }, horizon);
}

/**
 * A clone that cannot succeed, or any failure on the job's last attempt, fails the backfill (and its unscanned
 * points); anything else puts it back in the queue and is rethrown for pg-boss to retry.
 */
async function recordBackfillFailure(backfillId: string, error: unknown, attempt: ScanAttempt, log: typeof logger): Promise<void> {
  if (!(await getDb().backfill.count({ where: { id: backfillId } }))) {
    // Its repository was deleted while it ran (the rows cascade away): nothing to record, nothing to retry.
    log.info({ err: error }, "backfill ended: its repository was deleted while it ran");
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  log.warn({ err: error, final: attempt.isFinalAttempt }, "backfill attempt failed");
  if ((isPermanentFailure(error) && !attempt.signal?.aborted) || attempt.isFinalAttempt) {
    await failBackfill(backfillId, message);
    return;
  }
  await getDb().backfill.update({ where: { id: backfillId }, data: { status: "queued", error: `${message} (will retry)` } });
  throw error;
}

/** The chosen commits become queued scans of the backfill, in one transaction with the backfill's total. */
async function createPoints(backfillId: string, repositoryId: string, points: HistoryCommit[]): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.scan.createMany({ data: points.map((point) => ({ repositoryId, backfillId, trigger: "backfill", commitSha: point.sha, committedAt: point.committedAt })) }),
    db.backfill.update({ where: { id: backfillId }, data: { total: points.length } }),
  ]);
}

/**
 * Scans the backfill's unfinished points, newest first. Returns false when the time budget ran out and a follow-up
 * job was sent for the rest; a shutdown aborts with the signal's reason for pg-boss to retry.
 */
async function scanPoints(backfillId: string, history: HistoryClone, attempt: ScanAttempt, log: typeof logger): Promise<boolean> {
  const db = getDb();
  const deadline = Date.now() + backfillBudgetSeconds() * 1000;
  const pending = await db.scan.findMany({ where: { backfillId, status: { in: ["queued", "running"] } }, orderBy: { committedAt: "desc" } });
  for (const scan of pending) {
    attempt.signal?.throwIfAborted();
    if (Date.now() > deadline) {
      await continueLater(backfillId);
      return false;
    }
    await scanPoint(scan, history, attempt, log);
    // heimdall-ignore query-in-loop -- progress is written as each point finishes, so whoever watches sees it move
    await db.backfill.update({ where: { id: backfillId }, data: { done: { increment: 1 } } });
  }
  return true;
}

async function scanPoint(scan: { id: string; commitSha: string | null; committedAt: Date | null }, history: HistoryClone, attempt: ScanAttempt, log: typeof logger): Promise<void> {
  const startedAt = await markRunning(scan.id);
  const limit = scanTimeLimit(attempt.signal);
  try {
    const commitSha = scan.commitSha ?? "";
    await history.checkout(commitSha);
    await scanCheckout(scan.id, { dir: history.dir, commitSha, committedAt: scan.committedAt ?? new Date() }, startedAt, limit.signal, log.child({ scanId: scan.id }));
  } catch (error) {
    if (attempt.signal?.aborted) throw error;
    const reason = limit.explain(error);
    log.warn({ err: reason, scanId: scan.id }, "backfill point failed");
    await markFailed(scan.id, reason instanceof Error ? reason.message : String(reason), startedAt);
  } finally {
    limit.clear();
  }
}

async function continueLater(backfillId: string): Promise<void> {
  const jobId = randomUUID();
  await getDb().backfill.update({ where: { id: backfillId }, data: { status: "queued", jobId } });
  await enqueueBackfill({ backfillId }, jobId);
}

async function finishBackfill(backfillId: string, log: typeof logger): Promise<void> {
  const failed = await getDb().scan.count({ where: { backfillId, status: "failed" } });
  const backfill = await getDb().backfill.update({
    where: { id: backfillId },
    data: { status: "succeeded", finishedAt: new Date(), error: failed > 0 ? `${failed} point${failed === 1 ? "" : "s"} failed; see their scans.` : null },
  });
  log.info({ total: backfill.total, failed }, "backfill finished");
}

/**
 * Backfills whose job ended without finishing them (a worker killed on the last attempt) are failed, with their
 * unfinished points, so a new backfill can be requested. Run by the scheduler's tick.
 */
export async function sweepAbandonedBackfills(): Promise<number> {
  const stale = await getDb().backfill.findMany({
    where: { status: { in: ["queued", "running"] }, requestedAt: { lt: new Date(Date.now() - ENQUEUE_GRACE_MS) } },
    select: { id: true, jobId: true, requestedAt: true },
  });
  let swept = 0;
  for (const backfill of stale) {
    if (await isJobInProgress(backfill.jobId, backfill.requestedAt, BACKFILL_QUEUE)) continue;
    await failBackfill(backfill.id, ABANDONED);
    swept += 1;
  }
  return swept;
}
