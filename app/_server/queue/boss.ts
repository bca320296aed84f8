import PgBoss from "pg-boss";
import { z } from "zod";
import { loadEnv, requireDatabaseUrl } from "../env";
import { logger } from "../logger";

export const SCAN_QUEUE = "scan";
/** Scan jobs pg-boss gave up on (retries used up, or the last attempt's worker died): their scans join the dead-letter list. */
export const SCAN_DEAD_LETTER_QUEUE = "scan-dead-letter";
/** One job per backfill: clones the history once and scans each chosen past commit (app/_server/services/backfill.ts). */
export const BACKFILL_QUEUE = "backfill";

/** One job per webhook delivery: a signed POST, retried with backoff (app/_server/services/webhooks.ts). */
export const WEBHOOK_QUEUE = "webhook-delivery";

export const scanJobSchema = z.strictObject({ scanId: z.string().min(1) });
export type ScanJob = z.infer<typeof scanJobSchema>;
export const backfillJobSchema = z.strictObject({ backfillId: z.string().min(1) });
export type BackfillJob = z.infer<typeof backfillJobSchema>;
/** The body travels in the job, so that every retry sends (and signs) the same bytes. */
export const webhookJobSchema = z.strictObject({ deliveryId: z.string().min(1), body: z.string().min(2) });
export type WebhookJob = z.infer<typeof webhookJobSchema>;

/** A receiver that is down gets five more tries, 10 s, 20 s, 40 s, 80 s and 160 s later. */
const WEBHOOK_RETRY = { retryLimit: 5, retryDelay: 10, retryBackoff: true } as const;

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
    maintenanceIntervalSeconds: env.HEIMDALL_QUEUE_MAINTENANCE_SECONDS,
  });
  logErrorsUntilStopped(boss, role);
  await boss.start();
  // Workers own the queues' policy (their timeout is the one that matters); the web process only creates missing queues.
  const shouldUpdate = role === "worker";
  await ensureQueue(boss, { name: SCAN_DEAD_LETTER_QUEUE, policy: "standard", retryLimit: 0 }, shouldUpdate);
  // A scan ends by itself within HEIMDALL_SCAN_TIMEOUT_SECONDS (scanTimeLimit); a job still active after that lost its
  // worker (killed, machine gone), so pg-boss expires it and retries it elsewhere.
  await ensureQueue(boss, { name: SCAN_QUEUE, policy: "standard", ...scanRetry(), expireInSeconds: env.HEIMDALL_SCAN_TIMEOUT_SECONDS + EXPIRY_MARGIN_SECONDS, deadLetter: SCAN_DEAD_LETTER_QUEUE }, shouldUpdate);
  await ensureQueue(boss, { name: BACKFILL_QUEUE, policy: "standard", ...scanRetry(), expireInSeconds: backfillBudgetSeconds() + env.HEIMDALL_SCAN_TIMEOUT_SECONDS + EXPIRY_MARGIN_SECONDS }, shouldUpdate);
  await ensureQueue(boss, { name: WEBHOOK_QUEUE, policy: "standard", ...WEBHOOK_RETRY, expireInSeconds: 60 }, shouldUpdate);
  return boss;
}

/**
 * How long one backfill job works before it hands the remaining points to a follow-up job: a killed worker's backfill
 * is picked up again after this, not after hours.
 */
export function backfillBudgetSeconds(): number {
  return loadEnv().HEIMDALL_SCAN_TIMEOUT_SECONDS * 2;
}

/** Time a scan past its own time limit gets to record its failure before pg-boss takes its worker for dead. */
const EXPIRY_MARGIN_SECONDS = 15;

/**
 * Creates the queue, or with `update` brings an existing one's policy up to date (a changed timeout applies when the
 * workers restart). Jobs take the queue's expiry when they are sent.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue, shouldUpdate: boolean): Promise<void> {
  if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
  else if (shouldUpdate) await boss.updateQueue(queue.name, queue);
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

/** Sends a backfill job; `jobId` lets the caller record it on the backfill first. */
export async function enqueueBackfill(job: BackfillJob, jobId?: string): Promise<string | null> {
  const boss = await getProducer();
  return boss.send(BACKFILL_QUEUE, backfillJobSchema.parse(job), { ...scanRetry(), ...(jobId ? { id: jobId } : {}) });
}

/** Sends a scan job; `jobId` (a UUID) lets the caller record the job's id on the scan before the job exists. */
export async function enqueueScan(job: ScanJob, jobId?: string): Promise<string | null> {
  const boss = await getProducer();
  return boss.send(SCAN_QUEUE, scanJobSchema.parse(job), { ...scanRetry(), ...(jobId ? { id: jobId } : {}) });
}

/** Sends one webhook delivery job. */
export async function enqueueWebhookDelivery(job: WebhookJob): Promise<string | null> {
  const boss = await getProducer();
  return boss.send(WEBHOOK_QUEUE, webhookJobSchema.parse(job), WEBHOOK_RETRY);
}

const LIVE_JOB_STATES: ReadonlySet<string> = new Set(["created", "retry", "active"]);

/** A row is written just before its job is sent: for this long after `since`, a job not found yet is still on its way. */
export const ENQUEUE_GRACE_MS = 30_000;

/**
 * Whether the work a row stands for (a scan, a backfill) is still in the queue's hands: written less than
 * ENQUEUE_GRACE_MS ago, or its job is live. A row whose job ended without finishing it was abandoned.
 */
export async function isJobInProgress(jobId: string | null, since: Date, queue: string = SCAN_QUEUE): Promise<boolean> {
  if (Date.now() - since.getTime() < ENQUEUE_GRACE_MS) return true;
  return jobId !== null && (await isScanJobLive(jobId, queue));
}

/**
 * Whether a scan job is waiting, waiting to be retried or running. A job that completed, failed for good, was cancelled
 * or no longer exists will not move its scan forward (e.g. its worker was killed on the last attempt).
 */
export async function isScanJobLive(jobId: string, queue: string = SCAN_QUEUE): Promise<boolean> {
  const job = await (await getProducer()).getJobById(queue, jobId);
  return job !== null && LIVE_JOB_STATES.has(job.state);
}
