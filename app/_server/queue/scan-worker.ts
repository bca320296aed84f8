import type PgBoss from "pg-boss";
import { logger } from "../logger";
import { runScan } from "../services/scans";
import { SCAN_QUEUE, scanJobSchema } from "./boss";

export interface ScanWorkers {
  /** Aborts running scans (pg-boss retries them later) and stops polling. */
  stop(): Promise<void>;
}

/** Registers `concurrency` pollers for the scan queue on this boss. */
export async function startScanWorkers(boss: PgBoss, concurrency: number): Promise<ScanWorkers> {
  const shutdown = new AbortController();
  const handler = async ([job]: PgBoss.JobWithMetadata<unknown>[]): Promise<void> => {
    if (!job) return;
    const { scanId } = scanJobSchema.parse(job.data);
    await runScan(scanId, { isFinalAttempt: job.retryCount >= job.retryLimit, signal: shutdown.signal });
  };
  for (let index = 0; index < concurrency; index += 1) {
    await boss.work(SCAN_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, handler);
  }
  logger.info({ concurrency, queue: SCAN_QUEUE }, "scan workers started");
  return {
    async stop() {
      shutdown.abort(new Error("Heimdall is shutting down; the scan will be retried."));
      await boss.offWork(SCAN_QUEUE);
    },
  };
}
