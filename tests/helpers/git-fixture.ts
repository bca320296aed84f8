import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";

const FIXTURE_REPOS = path.resolve(__dirname, "..", "fixtures", "repos");

function git(cwd: string, ...args: string[]): string {
  return gitAt(undefined, cwd, ...args);
}

/** Runs git with author and committer dates set to `date` when given (a history spread over time). */
function gitAt(date: Date | undefined, cwd: string, ...args: string[]): string {
  const dates = date ? { GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() } : {};
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      ...dates,
      GIT_AUTHOR_NAME: "Heimdall Tests",
      GIT_AUTHOR_EMAIL: "tests@heimdall.invalid",
      GIT_COMMITTER_NAME: "Heimdall Tests",
      GIT_COMMITTER_EMAIL: "tests@heimdall.invalid",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
  }).trim();
}

/** A real git repository under `root`, made from `tests/fixtures/repos/<fixture>` with one commit on `main`. */
export function createFixtureRepo(root: string, fixture: string, options: { date?: Date } = {}): string {
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, `${fixture}-`));
  cpSync(path.join(FIXTURE_REPOS, fixture), dir, { recursive: true });
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  gitAt(options.date, dir, "commit", "--quiet", "-m", `Initial ${fixture}`);
  return dir;
}

/** Writes a file and commits it; returns the new commit's id. */
export function commitFile(repo: string, file: string, content: string, message: string, options: { date?: Date } = {}): string {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), content);
  git(repo, "add", "--all");
  gitAt(options.date, repo, "commit", "--quiet", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

export function headCommit(repo: string): string {
  return git(repo, "rev-parse", "HEAD");
}
