import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

/** Bytes of the regular files under `dir`, links not followed; a folder that is gone (or going) counts what was seen. */
export async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(full);
    else if (entry.isFile()) total += (await lstat(full).catch(() => null))?.size ?? 0;
  }
  return total;
}

/** A running size check of a folder being written (a clone): its signal aborts once the folder outgrows the limit. */
export interface SizeWatch {
  signal: AbortSignal;
  /** Whether the limit was crossed (the signal's abort came from here, not from elsewhere). */
  isExceeded(): boolean;
  stop(): void;
}

/** Measures `dir` every `intervalMs` while git writes to it; stops measuring once over `limitBytes` or when stopped. */
export function watchFolderSize(dir: string, limitBytes: number, intervalMs = 500): SizeWatch {
  const controller = new AbortController();
  let isMeasuring = false;
  const timer = setInterval(() => {
    if (isMeasuring) return;
    isMeasuring = true;
    void folderBytes(dir)
      .then((bytes) => {
        if (bytes > limitBytes) controller.abort(new Error(`over ${limitBytes} bytes`));
      })
      .finally(() => (isMeasuring = false));
  }, intervalMs);
  timer.unref();
  controller.signal.addEventListener("abort", () => clearInterval(timer));
  return { signal: controller.signal, isExceeded: () => controller.signal.aborted, stop: () => clearInterval(timer) };
}
