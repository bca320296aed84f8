import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { findSuppressions } from "./suppressions";

/** What the engine keeps of one file between scans: its size, whether it parsed, and every analyzer's facts. */
export interface CachedFile {
  lineCount: number;
  parseError?: string;
  /** Inline `heimdall-ignore` comments, as `findSuppressions` read them. */
  suppressions: ReturnType<typeof findSuppressions>;
  facts: Record<string, unknown>;
}

/** The id git gives a file's content (`git hash-object`): equal content, equal id, in any commit. */
export function gitBlobId(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.byteLength}\0`).update(content).digest("hex");
}

/**
 * Facts per file on disk, keyed by path, git blob id, engine version and the analyzers' options, so a file whose
 * content, rules and settings are unchanged is never parsed again. Entries are written atomically (temp file + rename);
 * an unreadable entry is a miss, never an error.
 */
export class FactCache {
  constructor(private readonly dir: string) {}

  static key(parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("\0")).digest("hex");
  }

  private fileFor(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  async get(key: string): Promise<CachedFile | undefined> {
    const file = this.fileFor(key);
    try {
      const entry = JSON.parse(await readFile(file, "utf8")) as CachedFile;
      // A hit marks the entry as recently used, so pruning removes the entries no scan has needed for longest.
      const now = new Date();
      void utimes(file, now, now).catch(() => undefined);
      return entry;
    } catch {
      return undefined;
    }
  }

  /** Stores the entry; `json`, when given, is the entry already serialized (by a worker thread). */
  async set(key: string, entry: CachedFile, json: string = JSON.stringify(entry)): Promise<void> {
    const file = this.fileFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, json);
    await rename(temporary, file);
  }
}

export interface PruneResult {
  entries: number;
  bytes: number;
  removed: number;
  removedBytes: number;
}

async function listEntries(dir: string): Promise<Array<{ file: string; bytes: number; usedAt: number }>> {
  const shards = await readdir(dir).catch(() => [] as string[]);
  const entries = await Promise.all(
    shards.map(async (shard) => {
      const names = await readdir(path.join(dir, shard)).catch(() => [] as string[]);
      return Promise.all(names.map(async (name) => {
        const file = path.join(dir, shard, name);
        const info = await stat(file).catch(() => null);
        return info?.isFile() ? { file, bytes: info.size, usedAt: info.mtimeMs } : null;
      }));
    }),
  );
  return entries.flat().filter((entry) => entry !== null);
}

/**
 * Keeps the cache folder under `maxBytes`: when it is over, removes the least recently used entries (by the time a scan
 * last wrote or read them) until it is under 80 % of the limit, so pruning does not run again on the next scan.
 */
export async function pruneFactCache(dir: string, maxBytes: number): Promise<PruneResult> {
  const entries = await listEntries(dir);
  const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const result: PruneResult = { entries: entries.length, bytes, removed: 0, removedBytes: 0 };
  if (bytes <= maxBytes) return result;
  let remaining = bytes;
  for (const entry of entries.sort((a, b) => a.usedAt - b.usedAt)) {
    if (remaining <= maxBytes * 0.8) break;
    await rm(entry.file, { force: true });
    remaining -= entry.bytes;
    result.removed += 1;
    result.removedBytes += entry.bytes;
  }
  return result;
}
