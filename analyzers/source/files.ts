import { execFile } from "node:child_process";
import { lstat, open, readdir, realpath } from "node:fs/promises";
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
  /** `file-limit`: the repository has more files than the scan's limit; files past it (by path) were not analyzed. */
  reason: "symlink" | "too-large" | "binary" | "not-a-file" | "file-limit";
}

export interface FileListing {
  files: SourceFileEntry[];
  skipped: SkippedFile[];
  /** Every path the listing saw, of any extension, sorted: what rules about non-script files (README, CI) look at. */
  paths: string[];
}

export interface ListOptions {
  maxFileBytes: number;
  /** Only files whose extension is listed (with the dot) are returned. */
  extensions: ReadonlySet<string>;
  /** Read the start of each file to skip binaries; off when the caller reads every file anyway and checks itself. */
  sniffBinary?: boolean;
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
  const paths = ((await listWithGit(root)) ?? (await walk(root))).sort();
  const candidates = paths.filter((relative) => options.extensions.has(path.extname(relative).toLowerCase()));
  const judged: Array<SourceFileEntry | SkippedFile | null> = [];
  const inRealFolder = realFolderCheck(root);
  // lstat and sniff in batches: the disk waits overlap instead of adding up.
  for (let start = 0; start < candidates.length; start += STAT_BATCH) {
    judged.push(...(await Promise.all(candidates.slice(start, start + STAT_BATCH).map((relative) => judge(root, relative, options, inRealFolder)))));
  }
  const files = judged.filter((item): item is SourceFileEntry => item !== null && "absolutePath" in item);
  const skipped = judged.filter((item): item is SkippedFile => item !== null && "reason" in item);
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: files.sort(byPath), skipped: skipped.sort(byPath), paths };
}

const STAT_BATCH = 64;

async function judge(root: string, relative: string, options: ListOptions, inRealFolder: (relative: string) => Promise<boolean>): Promise<SourceFileEntry | SkippedFile | null> {
  const absolutePath = path.join(root, relative);
  if (!(await inRealFolder(relative))) return { path: relative, reason: "symlink" };
  const stats = await lstat(absolutePath).catch(() => null);
  if (!stats) return null;
  if (stats.isSymbolicLink()) return { path: relative, reason: "symlink" };
  if (!stats.isFile()) return { path: relative, reason: "not-a-file" };
  if (stats.size > options.maxFileBytes) return { path: relative, reason: "too-large" };
  if (options.sniffBinary !== false && (await looksBinary(absolutePath))) return { path: relative, reason: "binary" };
  return { path: relative, absolutePath, bytes: stats.size };
}

/**
 * Whether the folders above a file are real folders of the checkout. lstat only refuses a link in the last part of a
 * path, and git's index still lists `lib/a.ts` after `lib` became a link out of the checkout (hostile-repos test):
 * the folder's real path must be the folder itself. Answers are kept per folder.
 */
function realFolderCheck(root: string): (relative: string) => Promise<boolean> {
  const realRoot = realpath(root).catch(() => null);
  const known = new Map<string, Promise<boolean>>();
  return (relative) => {
    const folder = path.dirname(relative);
    if (folder === ".") return Promise.resolve(true);
    let answer = known.get(folder);
    if (!answer) {
      answer = Promise.all([realRoot, realpath(path.join(root, folder)).catch(() => null)]).then(
        // A folder that is gone is no link: lstat then finds no file, as for any file deleted since git listed it.
        ([rootPath, folderPath]) => rootPath === null || folderPath === null || folderPath === path.join(rootPath, folder),
      );
      known.set(folder, answer);
    }
    return answer;
  };
}

async function listWithGit(root: string): Promise<string[] | null> {
  try {
    const { stdout } = await execFileAsync(
      "git",
      // core.fsmonitor names a command `ls-files` runs; the folder's own .git/config, the user's or GIT_CONFIG_* may set
      // it (hostile-repos test), and a setting on the command line overrides them all.
      ["-c", "core.quotePath=false", "-c", "core.fsmonitor=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
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

/** A NUL byte in the first 8,000 bytes marks a binary file, as git decides. */
export function isBinaryContent(content: Buffer): boolean {
  return content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
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
