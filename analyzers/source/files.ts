import { execFile } from "node:child_process";
import { lstat, open, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface SourceFileEntry {
  /** Relative to the repository root, forward slashes. */
  path: string;
  absolutePath: string;
  bytes: number;
}

export interface SkippedFile {
  path: string;
  reason: "symlink" | "too-large" | "binary" | "not-a-file";
}

export interface FileListing {
  files: SourceFileEntry[];
  skipped: SkippedFile[];
}

export interface ListOptions {
  maxFileBytes: number;
  /** Only files whose extension is listed (with the dot) are returned. */
  extensions: ReadonlySet<string>;
}

const WALK_IGNORED_DIRS = new Set([".git", "node_modules", ".next", "dist", "build"]);
/** Generated output folders, ignored only at the top of the checkout (an `analyzers/rules/coverage` is source). */
const WALK_IGNORED_TOP_DIRS = new Set(["coverage"]);
const BINARY_SNIFF_BYTES = 8000;

/**
 * Lists the repository's files the way git sees them (tracked plus untracked-but-not-ignored, so `.gitignore` holds),
 * falling back to a directory walk outside a git work tree. Symlinks are never followed, oversized and binary files
 * are skipped with a reason.
 */
export async function listSourceFiles(root: string, options: ListOptions): Promise<FileListing> {
  const candidates = (await listWithGit(root)) ?? (await walk(root));
  const files: SourceFileEntry[] = [];
  const skipped: SkippedFile[] = [];
  for (const relative of candidates.sort()) {
    if (!options.extensions.has(path.extname(relative).toLowerCase())) continue;
    const absolutePath = path.join(root, relative);
    const stats = await lstat(absolutePath).catch(() => null);
    if (!stats) continue;
    if (stats.isSymbolicLink()) skipped.push({ path: relative, reason: "symlink" });
    else if (!stats.isFile()) skipped.push({ path: relative, reason: "not-a-file" });
    else if (stats.size > options.maxFileBytes) skipped.push({ path: relative, reason: "too-large" });
    else if (await looksBinary(absolutePath)) skipped.push({ path: relative, reason: "binary" });
    else files.push({ path: relative, absolutePath, bytes: stats.size });
  }
  return { files, skipped };
}

async function listWithGit(root: string): Promise<string[] | null> {
  try {
    const { stdout } = await execFileAsync(
      "git",
      ["-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } },
    );
    return [...new Set(stdout.split("\0").filter(Boolean))];
  } catch {
    return null;
  }
}

async function walk(root: string, relative = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const ignored = WALK_IGNORED_DIRS.has(entry.name) || (relative === "" && WALK_IGNORED_TOP_DIRS.has(entry.name));
      if (!ignored) found.push(...(await walk(root, child)));
    } else {
      found.push(child);
    }
  }
  return found;
}

async function looksBinary(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, BINARY_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}
