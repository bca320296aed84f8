import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

// Building blocks for hostile-repository tests: repositories with links, filters and submodules, scripts that leave a
// marker file when anything runs them, and git run either with no configuration at all or as an unhardened tool would.

const AUTHOR = {
  GIT_AUTHOR_NAME: "Heimdall Tests",
  GIT_AUTHOR_EMAIL: "tests@heimdall.invalid",
  GIT_COMMITTER_NAME: "Heimdall Tests",
  GIT_COMMITTER_EMAIL: "tests@heimdall.invalid",
};
/** Captured when the module loads, before a test points HOME or GIT_CONFIG_* of the process at hostile settings. */
const BASE_ENV = { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C", GIT_CONFIG_NOSYSTEM: "1", ...AUTHOR } as const;
const CLEAN_ENV = { ...BASE_ENV, HOME: "/nonexistent", GIT_CONFIG_GLOBAL: "/dev/null" };

/** git with no system, user or environment configuration, whatever the test process's environment holds. */
export function cleanGit(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: CLEAN_ENV }).trim();
}

/** `cleanGit` with `input` on its standard input (`git mktree`, `git hash-object --stdin`). */
export function cleanGitWithInput(cwd: string, input: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, input, encoding: "utf8", env: CLEAN_ENV }).trim();
}

/** git as an unhardened tool runs it, with `env` on top (HOME, GIT_CONFIG_*…). Never throws: hostile setups may fail git. */
export function plainGit(cwd: string, env: Record<string, string>, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...BASE_ENV, HOME: "/nonexistent", ...env }, timeout: 30_000 });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

export type RepoEntry = string | { symlink: string };

/** Writes files (or symbolic links) under `dir`, creating folders as needed. */
export function writeTree(dir: string, entries: Record<string, RepoEntry>): void {
  for (const [relative, entry] of Object.entries(entries)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof entry === "string") writeFileSync(file, entry);
    else symlinkSync(entry.symlink, file);
  }
}

/** A repository at `dir` (created) with `entries` committed on `main`; returns `dir`. */
export function createRepo(dir: string, entries: Record<string, RepoEntry>): string {
  mkdirSync(dir, { recursive: true });
  writeTree(dir, entries);
  cleanGit(dir, "init", "--quiet", "--initial-branch=main");
  cleanGit(dir, "add", "--all");
  cleanGit(dir, "commit", "--quiet", "--allow-empty", "-m", "Hostile fixture");
  return dir;
}

/** A unique word that is a valid identifier: found in a report or a database row only if a file holding it was read. */
export function uniqueMarker(): string {
  return `HOSTILE${randomBytes(6).toString("hex")}`;
}

/**
 * TypeScript that several rules quote when they read it: an over-long function whose name (function-size, naming)
 * and an `eval` whose code (injection snippet) carry the marker.
 */
export function leakyModule(marker: string): string {
  const steps = Array.from({ length: 40 }, (_, index) => `  steps.push("${marker} ${index}");`).join("\n");
  return `export function fetchAndStore${marker}(input: string): string[] {\n  const steps: string[] = [];\n  eval(input + "${marker}");\n${steps}\n  return steps;\n}\n`;
}

export interface Marker {
  /** Executable script; running it appends a line to `file`. */
  script: string;
  file: string;
}

/** A script that leaves `<dir>/<name>.ran` whenever anything runs it; `body` (shell) runs after that. */
export function markerScript(dir: string, name: string, body = "exit 0\n"): Marker {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.ran`);
  const script = path.join(dir, `${name}.sh`);
  writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${file}'\n${body}`);
  chmodSync(script, 0o755);
  return { script, file };
}

/** A hooks folder whose post-checkout and other clone-time hooks all leave `<dir>/<name>.ran`. */
export function hooksFolder(dir: string, name: string): Marker & { hooks: string } {
  const hooks = path.join(dir, name, "hooks");
  const marker = markerScript(path.join(dir, name), name);
  mkdirSync(hooks, { recursive: true });
  for (const hook of ["post-checkout", "post-merge", "post-rewrite", "reference-transaction", "post-index-change"]) {
    writeFileSync(path.join(hooks, hook), `#!/bin/sh\nexec '${marker.script}' ${hook}\n`);
    chmodSync(path.join(hooks, hook), 0o755);
  }
  return { ...marker, hooks };
}

/** Paths (relative, forward slashes) of every symbolic link in a work tree, `.git` left out. */
export function symlinksIn(dir: string, relative = ""): string[] {
  const found: string[] = [];
  for (const name of readdirSync(path.join(dir, relative))) {
    if (relative === "" && name === ".git") continue;
    const child = relative ? `${relative}/${name}` : name;
    const stats = lstatSync(path.join(dir, child));
    if (stats.isSymbolicLink()) found.push(child);
    else if (stats.isDirectory()) found.push(...symlinksIn(dir, child));
  }
  return found;
}
