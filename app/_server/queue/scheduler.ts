// The scheduler: one pg-boss cron job, fired once a minute across all workers sharing the database, whose handler
// requests the scans that are due by each repository's own schedule (docs/adr/0011-schedules.md).
import type PgBoss from "pg-boss";
import { getDb, type Prisma } from "../db";
import { logger } from "../logger";
import { nextRun, ScheduleError } from "../schedule/cron";
import { sweepAbandonedBackfills } from "../services/backfill";
import { requestScan, sweepAbandonedScans } from "../services/scans";

/** The pg-boss queue (and schedule name) of the scheduler's tick. */
export const SCHEDULER_QUEUE = "scheduler-tick";

/** pg-boss fires the tick every minute; finer schedules are refused at registration (MIN_INTERVAL_MINUTES). */
const TICK_CRON = "* * * * *";

/** Due repositories handled per transaction: their rows stay locked while their scans are requested. */
const BATCH_SIZE = 25;

/** What a tick step did, as counts by outcome (logged, and returned by `schedulerTick`). */
export type TickCounts = Record<string, number>;

interface TickStep {
  name: string;
  run(now: Date): Promise<TickCounts>;
}

/**
 * Everything a tick does, in order; each step runs even when an earlier one failed. Periodic maintenance that must run
 * on one worker at a time across the cluster (e.g. a dead-letter sweep) belongs here as another step.
 */
const TICK_STEPS: readonly TickStep[] = [
  { name: "scheduledScans", run: requestDueScans },
  // Scans and backfills whose job died where the dead-letter queue did not see it (a job deleted, say).
  { name: "abandonedScans", run: async () => ({ deadLettered: await sweepAbandonedScans() }) },
  { name: "abandonedBackfills", run: async () => ({ failed: await sweepAbandonedBackfills() }) },
];

/**
 * One scheduler tick at `now`: runs every tick step and returns their counts by step name. Safe to run on several
 * workers at once (due repositories are claimed with SKIP LOCKED); throws after all steps ran if any of them failed.
 */
export async function schedulerTick(now: Date = new Date()): Promise<Record<string, TickCounts>> {
  const report: Record<string, TickCounts> = {};
  const failures: unknown[] = [];
  for (const step of TICK_STEPS) {
    try {
      report[step.name] = await step.run(now);
    } catch (error) {
      logger.error({ err: error, component: "scheduler", step: step.name }, "scheduler step failed");
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} scheduler step(s) failed`);
  return report;
}

/** This worker's part in the scheduler, as `startScheduler` returns it. */
export interface Scheduler {
  /** Stops taking ticks on this worker; the shared pg-boss schedule stays for the other workers. */
  stop(): Promise<void>;
}

/**
 * Registers the once-a-minute tick with pg-boss's cron (idempotent: the schedule is one row keyed by queue name,
 * shared by every worker) and takes ticks on this worker. Needs a boss started with the worker role, which runs cron.
 */
export async function startScheduler(boss: PgBoss): Promise<Scheduler> {
  // "stately": at most one tick waiting and one running, so a slow tick never lets others pile up behind it.
  await boss.createQueue(SCHEDULER_QUEUE, { name: SCHEDULER_QUEUE, policy: "stately", retryLimit: 0, expireInSeconds: 300 });
  await boss.schedule(SCHEDULER_QUEUE, TICK_CRON, {}, { tz: "UTC" });
  await boss.work(SCHEDULER_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await schedulerTick(new Date());
  });
  logger.info({ queue: SCHEDULER_QUEUE, cron: TICK_CRON }, "scheduler started");
  return { stop: () => boss.offWork(SCHEDULER_QUEUE) };
}

interface DueRepository {
  id: string;
  schedule: string;
  nextScanAt: Date | null;
}

/**
 * Requests a scan (trigger "schedule") of every repository whose next scheduled scan is due, and moves its
 * `nextScanAt` to the first run after `now`: after downtime a repository gets one scan, not one per missed slot.
 * A repository with a schedule but no `nextScanAt` yet only gets one. Batches run until none are due; a batch in which
 * a scan could not be requested (the queue is down) ends the tick, and those repositories stay due for the next one.
 */
async function requestDueScans(now: Date): Promise<TickCounts> {
  const totals: TickCounts = { requested: 0, initialized: 0, invalid: 0, failed: 0 };
  for (;;) {
    const batch = await getDb().$transaction((tx) => requestDueBatch(tx, now), { timeout: 120_000 });
    for (const [key, count] of Object.entries(batch.counts)) totals[key] = (totals[key] ?? 0) + count;
    if (batch.size < BATCH_SIZE || batch.counts.failed) break;
  }
  if (totals.requested || totals.failed || totals.invalid) logger.info({ component: "scheduler", ...totals }, "scheduled scans requested");
  return totals;
}

/**
 * Locks up to BATCH_SIZE due repositories, skipping rows another tick holds, and handles them. The lock is
 * FOR NO KEY UPDATE, not FOR UPDATE: the scan row `requestScan` inserts (in its own transaction) takes a KEY SHARE
 * lock on its repository, which FOR UPDATE would block until this transaction ends — that is, forever.
 */
async function requestDueBatch(tx: Prisma.TransactionClient, now: Date): Promise<{ size: number; counts: TickCounts }> {
  // "nextScanAt" is a timestamp without time zone holding UTC; compare in UTC whatever the session's time zone.
  const due = await tx.$queryRaw<DueRepository[]>`
    SELECT "id", "schedule", "nextScanAt" FROM "Repository"
    WHERE "schedule" IS NOT NULL AND ("nextScanAt" IS NULL OR "nextScanAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
    ORDER BY "nextScanAt" ASC NULLS FIRST
    LIMIT ${BATCH_SIZE}
    FOR NO KEY UPDATE SKIP LOCKED`;
  const counts: TickCounts = { requested: 0, initialized: 0, invalid: 0, failed: 0 };
  for (const repository of due) {
    const outcome = await handleDue(tx, repository, now);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return { size: due.length, counts };
}

async function handleDue(tx: Prisma.TransactionClient, repository: DueRepository, now: Date): Promise<"requested" | "initialized" | "invalid" | "failed"> {
  const log = logger.child({ component: "scheduler", repositoryId: repository.id });
  let nextScanAt: Date;
  try {
    nextScanAt = nextRun(repository.schedule, repository.id, now);
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    // Stored before today's rules, or edited in the database: look again in a day rather than every minute.
    log.warn({ schedule: repository.schedule, reason: error.message }, "repository schedule is not valid; set a new one");
    await tx.repository.update({ where: { id: repository.id }, data: { nextScanAt: new Date(now.getTime() + 24 * 60 * 60 * 1000) } });
    return "invalid";
  }
  if (repository.nextScanAt === null) {
    await tx.repository.update({ where: { id: repository.id }, data: { nextScanAt } });
    return "initialized";
  }
  try {
    // Answers the scan already queued or running, if there is one: never a second scan of the same repository.
    await requestScan(repository.id, "schedule");
  } catch (error) {
    log.error({ err: error }, "scheduled scan could not be requested; trying again on the next tick");
    return "failed";
  }
  await tx.repository.update({ where: { id: repository.id }, data: { nextScanAt } });
  return "requested";
}
