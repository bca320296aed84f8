import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CachedFile } from "./cache";
import type { ResolvedConfig } from "./config";

export interface CollectWorkerData {
  ruleIds: string[];
  config: ResolvedConfig;
}

/** A batch of files for one thread: fewer, larger messages keep the threads busy and the main thread free. */
export interface CollectRequest {
  id: number;
  files: Array<{ path: string; content: string }>;
}

/** Each file's facts as JSON text: the thread serializes, so the main thread only parses and the cache stores as is. */
export interface CollectResponse {
  id: number;
  results: string[];
}

/** What the pool gives back for one file: its facts, and the same as JSON for the cache. */
export interface CollectedFile {
  facts: CachedFile;
  json: string;
}

interface Pending {
  resolve(results: string[]): void;
  reject(error: Error): void;
}

/** Files per message: large enough to amortise messaging, small enough to balance two threads. */
const BATCH_SIZE = 16;

/**
 * The worker's entry file, beside this module. `__dirname` is right when tsx or vitest load this file as CommonJS; an
 * ES-module loader may hand it a `data:` URL instead, so the checkout-relative path is the fallback. Null when neither
 * exists (e.g. inside a bundle): the engine then parses in its own thread.
 */
export function collectWorkerEntry(): string | null {
  const candidates = [typeof __dirname === "string" ? __dirname : "", path.resolve("analyzers", "core")];
  const found = candidates.find((dir) => path.isAbsolute(dir) && existsSync(path.join(dir, "collect-worker.mjs")));
  return found === undefined ? null : path.join(found, "collect-worker.mjs");
}

/**
 * Worker threads that parse files and run the analyzers' per-file step, so a cold scan uses every core. Each file goes
 * to the thread with the fewest files in flight; a thread that dies fails its files with the reason instead of hanging.
 */
export class CollectPool {
  private readonly workers: Array<{ worker: Worker; inFlight: Map<number, Pending> }>;
  private nextId = 0;
  private queued: Array<{ path: string; content: string; resolve(file: CollectedFile): void; reject(error: Error): void }> = [];
  private isFlushScheduled = false;

  constructor(size: number, data: CollectWorkerData, entry: string) {
    this.workers = Array.from({ length: size }, () => this.startWorker(data, entry));
  }

  private startWorker(data: CollectWorkerData, entry: string) {
    const inFlight = new Map<number, Pending>();
    // The web bundle includes the engine (API routes import its metadata) but never runs scans. Turbopack follows
    // `new Worker(path)` into the entry and on into tsx and esbuild's binary, so the thread is made with Reflect.
    const worker: Worker = Reflect.construct(Worker, [entry, { workerData: data }]);
    worker.on("message", ({ id, results }: CollectResponse) => {
      inFlight.get(id)?.resolve(results);
      inFlight.delete(id);
    });
    const failAll = (error: Error) => {
      for (const pending of inFlight.values()) pending.reject(new Error(`An analysis worker thread failed: ${error.message}`));
      inFlight.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`it exited with code ${code}`)));
    return { worker, inFlight };
  }

  /** Queues one file; queued files leave in batches once the caller's current synchronous work is done. */
  collect(file: string, content: string): Promise<CollectedFile> {
    return new Promise((resolve, reject) => {
      this.queued.push({ path: file, content, resolve, reject });
      if (this.isFlushScheduled) return;
      this.isFlushScheduled = true;
      queueMicrotask(() => this.flush());
    });
  }

  private flush(): void {
    this.isFlushScheduled = false;
    while (this.queued.length > 0) this.send(this.queued.splice(0, BATCH_SIZE));
  }

  private send(batch: CollectPool["queued"]): void {
    const target = this.workers.reduce((least, candidate) => (candidate.inFlight.size < least.inFlight.size ? candidate : least));
    const id = this.nextId++;
    target.inFlight.set(id, {
      resolve: (results) => batch.forEach((file, index) => file.resolve(parsedResult(results[index] ?? "null"))),
      reject: (error) => batch.forEach((file) => file.reject(error)),
    });
    const request: CollectRequest = { id, files: batch.map(({ path: file, content }) => ({ path: file, content })) };
    target.worker.postMessage(request);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

function parsedResult(json: string): CollectedFile {
  return { facts: JSON.parse(json) as CachedFile, json };
}
