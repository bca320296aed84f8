import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
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
    try {
      return JSON.parse(await readFile(this.fileFor(key), "utf8")) as CachedFile;
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: CachedFile): Promise<void> {
    const file = this.fileFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, file);
  }
}
