import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/app/_server/errors";
import { parseBranchName, parseRepositoryUrl } from "@/app/_server/git/repository-url";

const sandbox = mkdtempSync(path.join(tmpdir(), "heimdall-url-"));
const allowedRoot = path.join(sandbox, "allowed");
const repo = path.join(allowedRoot, "team", "service");
const outside = path.join(sandbox, "outside");
mkdirSync(repo, { recursive: true });
mkdirSync(outside, { recursive: true });
symlinkSync(outside, path.join(allowedRoot, "escape"));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

function rejection(input: string, roots: string[] = [allowedRoot]): { code: string; message: string } {
  try {
    parseRepositoryUrl(input, roots);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${input} was accepted`);
}

describe("parseRepositoryUrl accepts", () => {
  it.each([
    ["https://github.com/org/repo.git", "https", "repo"],
    ["  https://gitlab.example.com/group/sub/project  ", "https", "project"],
    ["ssh://git@github.com/org/repo.git", "ssh", "repo"],
    ["git@github.com:org/repo.git", "ssh", "repo"],
  ] as const)("%s", (input, kind, displayName) => {
    expect(parseRepositoryUrl(input, [])).toMatchObject({ kind, displayName });
  });

  it("a local folder under an allowed root, by path or file:// URL", () => {
    expect(parseRepositoryUrl(repo, [allowedRoot])).toMatchObject({ kind: "local", path: repo, displayName: "service" });
    expect(parseRepositoryUrl(`file://${repo}`, [allowedRoot])).toMatchObject({ kind: "local", path: repo });
  });
});

describe("parseRepositoryUrl rejects", () => {
  it.each([
    ["", "invalid_request"],
    ["   ", "invalid_request"],
    ["not a url", "invalid_url"],
    ["github.com/org/repo", "invalid_url"],
    ["https://", "invalid_url"],
    ["https://github.com", "invalid_url"],
    ["https://github.com/org/repo?x=1", "invalid_url"],
    ["-uhello", "unsupported_url"],
    ["--upload-pack=touch /tmp/pwned", "unsupported_url"],
    ["ext::sh -c touch% /tmp/pwned", "unsupported_url"],
    ["fd::17", "unsupported_url"],
    ["http://github.com/org/repo", "unsupported_url"],
    ["ftp://example.com/repo.git", "unsupported_url"],
    ["https://user:secret@github.com/org/repo.git", "unsupported_url"],
    ["file://otherhost/srv/repo", "unsupported_url"],
  ])("%j with %s", (input, code) => {
    expect(rejection(input).code).toBe(code);
  });

  it("local folders when no root is allowed", () => {
    expect(rejection(repo, [])).toMatchObject({ code: "unsupported_url", message: expect.stringContaining("HEIMDALL_LOCAL_REPO_ROOTS") });
  });

  it("folders outside the allowed roots, also through '..' and symlinks", () => {
    expect(rejection(outside).code).toBe("unsupported_url");
    expect(rejection(path.join(allowedRoot, "..", "outside")).code).toBe("unsupported_url");
    expect(rejection(path.join(allowedRoot, "escape")).code).toBe("unsupported_url");
  });

  it("folders that do not exist", () => {
    expect(rejection(path.join(allowedRoot, "missing")).code).toBe("invalid_url");
  });
});

describe("parseBranchName", () => {
  it.each(["main", "release/2.x", "feature/JIRA-12_fix", "v1.0.0"])("accepts %s", (branch) => {
    expect(parseBranchName(branch)).toBe(branch);
  });

  it("treats empty as the default branch", () => {
    expect(parseBranchName("")).toBeNull();
    expect(parseBranchName(undefined)).toBeNull();
  });

  it.each(["-b", "--upload-pack=x", "a..b", "a b", "x~1", "x^", "a:b", "a?", "a*", "a[", "a\\b", "end/", "end.", "x.lock", "a//b", "@", "a@{1}", "/abs", ".hidden"])(
    "rejects %j",
    (branch) => {
      expect(() => parseBranchName(branch)).toThrow(AppError);
    },
  );
});
