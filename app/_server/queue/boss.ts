import PgBoss from "pg-boss";
import { z } from "zod";
import { loadEnv, requireDatabaseUrl } from "../env";
import { logger } from "../logger";

export const SCAN_QUEUE = "scan";

export const scanJobSchema = z.strictObject({ scanId: z.string().min(1) });
export type ScanJob = z.infer<typeof scanJobSchema>;

/** Retries a scan that failed for a transient reason twice, by default 30 s then 60 s later (docs/adr/0003-pg-boss-jobs.md). */
function scanRetry() {
  return { retryLimit: 2, retryDelay: loadEnv().HEIMDALL_SCAN_RETRY_DELAY_SECONDS, retryBackoff: true } as const;
}

export interface BossOptions {
  /** Workers run pg-boss maintenance and cron; a producer (the web process) only sends. */
  role: "producer" | "worker";
}

/**
 * Starts a pg-boss instance for this process's role and makes sure the scan queue exists with its retry policy. The
 * caller owns the instance and must stop it on shutdown; web code should use `getProducer` instead.
 */
export async function startBoss({ role }: BossOptions): Promise<PgBoss> {
  const env = loadEnv();
  const boss = new PgBoss({
    connectionString: requireDatabaseUrl(env),
    application_name: `heimdall-${role}`,
    max: role === "worker" ? 4 : 2,
    supervise: role === "worker",
    schedule: role === "worker",
  });
  logErrorsUntilStopped(boss, role);
  await boss.start();
  await boss.createQueue(SCAN_QUEUE, {
    name: SCAN_QUEUE,
    policy: "standard",
    ...scanRetry(),
    expireInSeconds: env.HEIMDALL_SCAN_TIMEOUT_SECONDS + 60,
  });
  return boss;
}

/** After stop, connections still closing report the database's own shutdown; that is not an error worth logging. */
function logErrorsUntilStopped(boss: PgBoss, role: BossOptions["role"]): void {
  let isStopped = false;
  boss.on("stopped", () => (isStopped = true));
  boss.on("error", (error) => {
    if (!isStopped) logger.error({ err: error, component: "queue", role }, "pg-boss error");
  });
}

const holder = globalThis as typeof globalThis & { heimdallProducer?: Promise<PgBoss> };

/** The sending side of the queue for this process, started on first use. */
export function getProducer(): Promise<PgBoss> {
  holder.heimdallProducer ??= startBoss({ role: "producer" }).catch((error: unknown) => {
    holder.heimdallProducer = undefined;
    throw error;
  });
  return holder.heimdallProducer;
}

/** Stops this process's producer, if one was started, and waits until it has closed; a later `getProducer` starts a new one. */
export async function stopProducer(): Promise<void> {
  const pending = holder.heimdallProducer;
  holder.heimdallProducer = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true });
}

/** Sends a scan job; `jobId` (a UUID) lets the caller record the job's id on the scan before the job exists. */
export async function enqueueScan(job: ScanJob, jobId?: string): Promise<string | null> {
  const boss = await getProducer();
  return boss.send(SCAN_QUEUE, scanJobSchema.parse(job), { ...scanRetry(), ...(jobId ? { id: jobId } : {}) });
}

const LIVE_JOB_STATES: ReadonlySet<string> = new Set(["created", "retry", "active"]);

/**
 * Whether a scan job is waiting, waiting to be retried or running. A job that completed, failed for good, was cancelled
 * or no longer exists will not move its scan forward (e.g. its worker was killed on the last attempt).
 */
export async function isScanJobLive(jobId: string): Promise<boolean> {
  const job = await (await getProducer()).getJobById(SCAN_QUEUE, jobId);
  return job !== null && LIVE_JOB_STATES.has(job.state);
}
