import { existsSync } from "node:fs";
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

  constructor(size: number, data: CollectWorkerData, entry: string) {
    this.workers = Array.from({ length: size }, () => this.startWorker(data, entry));
  }

  private startWorker(data: CollectWorkerData, entry: string) {
    const inFlight = new Map<number, Pending>();
    // The web bundle includes the engine (API routes import its metadata) but never runs scans. Turbopack follows
    // `new Worker(path)` into the entry and on into tsx and esbuild's binary, so the thread is made with Reflect.
    const worker: Worker = Reflect.construct(Worker, [entry, { workerData: data }]);
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
