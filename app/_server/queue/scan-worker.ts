import type PgBoss from "pg-boss";
import { logger } from "../logger";
import { surviveDatabaseRestarts } from "./pg-boss-outage";
import { runBackfill } from "../services/backfill";
import { deadLetterScan, runScan } from "../services/scans";
import { deliverWebhook } from "../services/webhooks";
import { BACKFILL_QUEUE, backfillJobSchema, SCAN_DEAD_LETTER_QUEUE, SCAN_QUEUE, scanJobSchema, WEBHOOK_QUEUE, webhookJobSchema } from "./boss";

export interface ScanWorkers {
  /** Aborts running scans (pg-boss retries them later) and stops polling. */
  stop(): Promise<void>;
}

/** Registers `concurrency` scan pollers, a backfill worker and the dead-letter worker on this boss. */
export async function startScanWorkers(boss: PgBoss, concurrency: number): Promise<ScanWorkers> {
  surviveDatabaseRestarts();
  const shutdown = new AbortController();
  for (let index = 0; index < concurrency; index += 1) await startScanPoller(boss, shutdown.signal);
  await startBackfillWorker(boss, shutdown.signal);
  for (let index = 0; index < WEBHOOK_POLLERS; index += 1) await startWebhookPoller(boss);
  await boss.work(SCAN_DEAD_LETTER_QUEUE, { batchSize: 10, pollingIntervalSeconds: 5 }, async (jobs: PgBoss.Job<unknown>[]) => {
    for (const job of jobs) await deadLetterScan(scanJobSchema.parse(job.data).scanId);
  });
  logger.info({ concurrency, queue: SCAN_QUEUE }, "scan workers started");
  return {
    async stop() {
      shutdown.abort(new Error("Heimdall is shutting down; the scan will be retried."));
      await Promise.all([boss.offWork(SCAN_QUEUE), boss.offWork(BACKFILL_QUEUE), boss.offWork(SCAN_DEAD_LETTER_QUEUE), boss.offWork(WEBHOOK_QUEUE)]);
    },
  };
}

/** One scan at a time; after each, it asks for the next job at once instead of waiting out pg-boss's polling interval. */
async function startScanPoller(boss: PgBoss, signal: AbortSignal): Promise<void> {
  let workerId = "";
  workerId = await boss.work(SCAN_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    if (!job) return;
    const { scanId } = scanJobSchema.parse(job.data);
    try {
      await runScan(scanId, { isFinalAttempt: job.retryCount >= job.retryLimit, attempts: job.retryCount + 1, signal });
    } finally {
      boss.notifyWorker(workerId);
    }
  });
}

/** Backfills clone a history and scan many commits: one at a time per worker process, beside its scan pollers. */
async function startBackfillWorker(boss: PgBoss, signal: AbortSignal): Promise<void> {
  await boss.work(BACKFILL_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    if (!job) return;
    const { backfillId } = backfillJobSchema.parse(job.data);
    await runBackfill(backfillId, { isFinalAttempt: job.retryCount >= job.retryLimit, attempts: job.retryCount + 1, signal });
  });
}

/** Deliveries wait up to 10 s on a slow receiver each: a few at once, so one slow receiver does not hold up the rest. */
const WEBHOOK_POLLERS = 2;

async function startWebhookPoller(boss: PgBoss): Promise<void> {
  await boss.work(WEBHOOK_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    if (!job) return;
    await deliverWebhook(webhookJobSchema.parse(job.data), { isFinalAttempt: job.retryCount >= job.retryLimit });
  });
}
