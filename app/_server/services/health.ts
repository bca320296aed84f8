import { statfs } from "node:fs/promises";
import { getDb } from "../db";
import { loadEnv } from "../env";
import { logger } from "../logger";
import { getProducer, SCAN_QUEUE } from "../queue/boss";

export type HealthStatus = "healthy" | "degraded" | "unhealthy";

export interface CheckResult {
  status: HealthStatus;
  message: string;
  durationMs: number;
}

export interface HealthReport {
  status: HealthStatus;
  checks: Record<string, CheckResult>;
}

type Check = () => Promise<{ status: HealthStatus; message: string }>;

const STALE_QUEUE_MINUTES = 10;
const DISK_DEGRADED_PERCENT = 90;
const DISK_UNHEALTHY_PERCENT = 97;

const checkDatabase: Check = async () => {
  await getDb().$queryRaw`SELECT 1`;
  return { status: "healthy", message: "PostgreSQL answers." };
};

/** The queue is degraded when scans wait long enough to suggest that no worker is running. */
const checkQueue: Check = async () => {
  const boss = await getProducer();
  const waiting = await boss.getQueueSize(SCAN_QUEUE);
  const staleSince = new Date(Date.now() - STALE_QUEUE_MINUTES * 60_000);
  const stale = await getDb().scan.count({ where: { status: "queued", queuedAt: { lt: staleSince } } });
  if (stale > 0) {
    return { status: "degraded", message: `${stale} scan(s) queued for over ${STALE_QUEUE_MINUTES} minutes: is a worker running?` };
  }
  return { status: "healthy", message: `${waiting} scan job(s) waiting.` };
};

/** Disk use from 90 % is degraded and from 97 % unhealthy: scans clone repositories and fail once the disk is full. */
export function judgeDisk(usedPercent: number): HealthStatus {
  if (usedPercent >= DISK_UNHEALTHY_PERCENT) return "unhealthy";
  if (usedPercent >= DISK_DEGRADED_PERCENT) return "degraded";
  return "healthy";
}

const checkDisk: Check = async () => {
  const stats = await statfs(loadEnv().HEIMDALL_DATA_DIR).catch(() => statfs("."));
  const usedPercent = 100 * (1 - stats.bavail / stats.blocks);
  const freeGiB = (stats.bavail * stats.bsize) / 1024 ** 3;
  return { status: judgeDisk(usedPercent), message: `${usedPercent.toFixed(1)}% used, ${freeGiB.toFixed(1)} GiB free.` };
};

export const HEALTH_CHECKS: Record<string, Check> = { database: checkDatabase, queue: checkQueue, disk: checkDisk };

const CHECK_TIMEOUT_MS = 3000;

/**
 * Runs every check in parallel; a check that throws or hangs is unhealthy. The endpoint answers without credentials, so
 * a thrown error's message (a database host, a user name) goes to the log, not into the report.
 */
export async function runHealthChecks(checks: Record<string, Check> = HEALTH_CHECKS): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = Date.now();
      const result = await withTimeout(check(), CHECK_TIMEOUT_MS).catch((error: unknown) => {
        logger.warn({ err: error, check: name }, "health check failed");
        return { status: "unhealthy" as const, message: error instanceof CheckTimeoutError ? error.message : FAILED_MESSAGE };
      });
      return [name, { ...result, durationMs: Date.now() - started }];
    }),
  );
  return { status: worstOf(entries.map(([, result]) => result.status)), checks: Object.fromEntries(entries) };
}

/** Overall status of a report: the worst of its checks; no checks at all is healthy. */
export function worstOf(statuses: readonly HealthStatus[]): HealthStatus {
  if (statuses.includes("unhealthy")) return "unhealthy";
  if (statuses.includes("degraded")) return "degraded";
  return "healthy";
}

const FAILED_MESSAGE = "The check failed; the reason is in the server log.";

class CheckTimeoutError extends Error {
  override name = "CheckTimeoutError";
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
