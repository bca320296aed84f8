import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CachedFile } from "./cache";
import type { ResolvedConfig } from "./config";

export interface CollectWorkerData {
  ruleIds: string[];
  config: ResolvedConfig;
}

export interface CollectRequest {
  id: number;
  path: string;
  content: string;
}

export interface CollectResponse {
  id: number;
  result: CachedFile;
}

interface Pending {
  resolve(result: CachedFile): void;
  reject(error: Error): void;
}

/** The worker's entry file; located beside this module (tsx and vitest define `__dirname`). */
function workerEntry(): string {
  const here = typeof __dirname === "string" ? __dirname : path.join(process.cwd(), "analyzers", "core");
  return path.join(here, "collect-worker.mjs");
}

/**
 * Worker threads that parse files and run the analyzers' per-file step, so a cold scan uses every core. Each file goes
 * to the thread with the fewest files in flight; a thread that dies fails its files with the reason instead of hanging.
 */
export class CollectPool {
  private readonly workers: Array<{ worker: Worker; inFlight: Map<number, Pending> }>;
  private nextId = 0;

  constructor(size: number, data: CollectWorkerData) {
    this.workers = Array.from({ length: size }, () => this.startWorker(data));
  }

  private startWorker(data: CollectWorkerData) {
    const inFlight = new Map<number, Pending>();
    // The web bundle includes the engine (API routes import its metadata) but never runs scans. Turbopack follows
    // `new Worker(path)` into the entry and on into tsx and esbuild's binary, so the thread is made with Reflect.
    const worker: Worker = Reflect.construct(Worker, [workerEntry(), { workerData: data }]);
    worker.on("message", ({ id, result }: CollectResponse) => {
      inFlight.get(id)?.resolve(result);
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

  collect(file: string, content: string): Promise<CachedFile> {
    const target = this.workers.reduce((least, candidate) => (candidate.inFlight.size < least.inFlight.size ? candidate : least));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      target.inFlight.set(id, { resolve, reject });
      const request: CollectRequest = { id, path: file, content };
      target.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
