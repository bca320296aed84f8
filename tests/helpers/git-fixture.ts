import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";

const FIXTURE_REPOS = path.resolve(__dirname, "..", "fixtures", "repos");

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
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
export function createFixtureRepo(root: string, fixture: string): string {
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, `${fixture}-`));
  cpSync(path.join(FIXTURE_REPOS, fixture), dir, { recursive: true });
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "-m", `Initial ${fixture}`);
  return dir;
}

/** Writes a file and commits it; returns the new commit's id. */
export function commitFile(repo: string, file: string, content: string, message: string): string {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), content);
  git(repo, "add", "--all");
  git(repo, "commit", "--quiet", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

export function headCommit(repo: string): string {
  return git(repo, "rev-parse", "HEAD");
}
