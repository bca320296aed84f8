import { z } from "zod";
import type { ProgressEvent } from "../../../analyzers";
import type { ScanProgressDto } from "../../_lib/dto";
import { getDb } from "../db";
import { logger } from "../logger";

/** At most one progress write per scan per second: a 50,000-file scan must not cost 50,000 updates. */
export const PROGRESS_WRITE_INTERVAL_MS = 1000;

/** What `Scan.progress` holds: the latest progress of one attempt (`startedAt` tells a stale attempt's apart). */
const storedProgress = z.object({
  phase: z.enum(["parsing", "analyzing", "saving"]),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  rule: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

export type StoredProgress = z.infer<typeof storedProgress>;

/** Where a scan is, as the recorder is told: an engine event, or that the snapshot is being stored. */
export type ProgressUpdate = ProgressEvent | { phase: "saving" };

interface RecorderOptions {
  intervalMs?: number;
  now?: () => number;
}

/**
 * Throttles progress to one write per interval: the first update is written at once, later ones wait out the rest of
 * the interval and only the newest of them is written (the trailing write), so the stored state is never older than
 * an interval while updates keep coming. One write at a time; a failed write is logged and dropped, never the scan's
 * problem. `clear` stops the recorder, waits for the write under way and writes null.
 */
export class ProgressRecorder {
  private latest: StoredProgress | null = null;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private isStopped = false;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly write: (progress: StoredProgress | null) => Promise<void>,
    private readonly startedAt: Date,
    options: RecorderOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? PROGRESS_WRITE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Takes the newest state; written now or at the end of the current interval. Bound, so it can be handed to the engine. */
  readonly report = (update: ProgressUpdate): void => {
    if (this.isStopped) return;
    const counts = update.phase === "saving" ? { done: 0, total: 0 } : { done: update.done, total: update.total };
    const rule = update.phase === "analyzing" ? update.rule : null;
    this.latest = { phase: update.phase, ...counts, rule, startedAt: this.startedAt.toISOString(), updatedAt: new Date(this.now()).toISOString() };
    this.schedule();
  };

  /** Stops recording and clears the stored progress, after any write under way (so no late write brings it back). */
  async clear(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
    await this.write(null).catch((error: unknown) => logger.warn({ err: error }, "scan progress could not be cleared"));
  }

  private schedule(): void {
    if (this.isStopped || this.timer || this.inFlight) return; // a pending write picks up the newest state
    const wait = this.lastWriteAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    const progress = this.latest;
    if (!progress || this.isStopped) return;
    this.latest = null;
    this.lastWriteAt = this.now();
    this.inFlight = this.write(progress)
      .catch((error: unknown) => logger.debug({ err: error }, "scan progress could not be written"))
      .finally(() => {
        this.inFlight = null;
        if (this.latest) this.schedule();
      });
  }
}

/** A recorder writing to `Scan.progress` of `scanId` for the attempt that started at `startedAt`. */
export function recordScanProgress(scanId: string, startedAt: Date): ProgressRecorder {
  return new ProgressRecorder(async (progress) => {
    if (progress === null) await getDb().$executeRaw`UPDATE "Scan" SET progress = NULL WHERE id = ${scanId} AND progress IS NOT NULL`;
    else await getDb().$executeRaw`UPDATE "Scan" SET progress = ${JSON.stringify(progress)}::jsonb WHERE id = ${scanId} AND status = 'running'`;
  }, startedAt);
}

/**
 * The stored progress as the API shows it, when it belongs to the scan's current attempt (`startedAt`): a worker killed
 * mid-scan leaves its attempt's progress behind until the retry writes its own.
 */
export function progressOf(value: unknown, startedAt: Date | null): ScanProgressDto | null {
  const parsed = storedProgress.safeParse(value);
  if (!parsed.success || !startedAt || parsed.data.startedAt !== startedAt.toISOString()) return null;
  const { phase, done, total, rule, updatedAt } = parsed.data;
  return { phase, done, total, rule, updatedAt };
}
