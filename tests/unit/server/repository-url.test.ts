import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/app/_server/errors";
import { parseBranchName, parseRepositoryUrl, remoteHost } from "@/app/_server/git/repository-url";

const sandbox = mkdtempSync(path.join(tmpdir(), "heimdall-url-"));
const allowedRoot = path.join(sandbox, "allowed");
const repo = path.join(allowedRoot, "team", "service");
const outside = path.join(sandbox, "outside");
mkdirSync(repo, { recursive: true });
mkdirSync(outside, { recursive: true });
symlinkSync(outside, path.join(allowedRoot, "escape"));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

function rejection(input: string, roots: string[] = [allowedRoot], allowPrivateHosts = false): { code: string; message: string } {
  try {
    parseRepositoryUrl(input, { localRoots: roots, allowPrivateHosts });
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
    expect(parseRepositoryUrl(input, { localRoots: [] })).toMatchObject({ kind, displayName });
  });

  it("a local folder under an allowed root, by path or file:// URL", () => {
    expect(parseRepositoryUrl(repo, { localRoots: [allowedRoot] })).toMatchObject({ kind: "local", path: repo, displayName: "service" });
    expect(parseRepositoryUrl(`file://${repo}`, { localRoots: [allowedRoot] })).toMatchObject({ kind: "local", path: repo });
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

/** Every host spelled as https://HOST/org/repo, ssh://git@HOST/org/repo and, where scp syntax allows, git@HOST:org/repo. */
function remotes(host: string): string[] {
  const forms = [`https://${host}/org/repo.git`, `ssh://git@${host}/org/repo.git`];
  return host.startsWith("[") ? forms : [...forms, `git@${host}:org/repo.git`];
}

const PRIVATE_HOSTS: ReadonlyArray<readonly [string, string]> = [
  ["127.0.0.1", "a loopback address"],
  ["127.1", "a loopback address"],
  ["127.0.1", "a loopback address"],
  ["2130706433", "a loopback address"],
  ["0x7f000001", "a loopback address"],
  ["0x7f.0.0.1", "a loopback address"],
  ["0X7F.0.0.1", "a loopback address"],
  ["0177.0.0.1", "a loopback address"],
  ["017700000001", "a loopback address"],
  ["127.0.0.1.", "a loopback address"],
  ["0.0.0.0", "an unspecified address"],
  ["0", "an unspecified address"],
  ["10.1.2.3", "a private address"],
  ["172.16.0.1", "a private address"],
  ["172.31.255.255", "a private address"],
  ["192.168.1.10", "a private address"],
  ["0xc0a80001", "a private address"],
  ["169.254.169.254", "a link-local address"],
  ["2852039166", "a link-local address"],
  ["100.64.0.1", "a shared (CGNAT) address"],
  ["100.127.255.254", "a shared (CGNAT) address"],
  ["224.0.0.1", "a multicast address"],
  ["239.255.255.250", "a multicast address"],
  ["255.255.255.255", "a reserved address"],
  ["[::1]", "a loopback address"],
  ["[0:0:0:0:0:0:0:1]", "a loopback address"],
  ["[::]", "an unspecified address"],
  ["[::ffff:127.0.0.1]", "an IPv4-mapped IPv6 address"],
  ["[::ffff:7f00:1]", "an IPv4-mapped IPv6 address"],
  ["[::FFFF:8.8.8.8]", "an IPv4-mapped IPv6 address"],
  ["[::127.0.0.1]", "an IPv4-compatible IPv6 address"],
  ["[fc00::1]", "a unique-local address"],
  ["[fd12:3456:789a::1]", "a unique-local address"],
  ["[fe80::1]", "a link-local address"],
  ["[FE80::abcd]", "a link-local address"],
  ["[ff02::1]", "a multicast address"],
  ["[64:ff9b::7f00:1]", "a NAT64 address of a loopback address"],
  ["localhost", "a name for the local machine (localhost)"],
  ["LOCALHOST", "a name for the local machine (localhost)"],
  ["localhost.", "a name for the local machine (localhost)"],
  ["LocalHost.", "a name for the local machine (localhost)"],
  ["git.localhost", "a name for the local machine (localhost)"],
  ["localhost.localdomain", "a name for the local machine (localhost)"],
  ["ip6-localhost", "a name for the local machine (localhost)"],
  ["ip6-loopback", "a name for the local machine (localhost)"],
  ["localhost6", "a name for the local machine (localhost)"],
];

describe("parseRepositoryUrl refuses private hosts in every spelling", () => {
  it.each(PRIVATE_HOSTS.flatMap(([host, reason]) => remotes(host).map((url) => [url, reason] as const)))("%s: %s", (url, reason) => {
    const refused = rejection(url);
    expect(refused.code).toBe("unsupported_url");
    expect(refused.message).toContain(`is ${reason}; an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.`);
  });

  it("names the host and, for an odd spelling, the address it stands for", () => {
    expect(rejection("https://127.0.0.1/org/repo").message).toBe(
      "The host 127.0.0.1 is a loopback address; an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.",
    );
    expect(rejection("git@0x7f.1:org/repo").message).toMatch(/^The host 0x7f\.1 \(127\.0\.0\.1\) is a loopback address; /);
  });

  it.each(["https://1.2.3.4.5/org/repo", "ssh://git@1.2.3.4.5/org/repo", "git@256.0.0.1:org/repo", "git@0x100000000:org/repo", "git@08.0.0.1:org/repo", "git@example.123:org/repo"])(
    "refuses a host that ends in a number but is no IPv4 address: %s",
    (url) => {
      expect(rejection(url, [allowedRoot], true).code).toBe("invalid_url");
    },
  );
});

describe("parseRepositoryUrl accepts public hosts", () => {
  it.each(["github.com", "GitLab.example.com", "8.8.8.8", "140.82.112.3", "172.32.0.1", "100.128.0.1", "11.0.0.1", "0x8.8.8.8", "[2606:4700:4700::1111]", "[2001:4860:4860::8888]", "[64:ff9b::808:808]", "localhost.example.com", "my-localhost.io"])(
    "%s",
    (host) => {
      for (const url of remotes(host)) expect(parseRepositoryUrl(url, { localRoots: [] }).kind).toBe(url.startsWith("https") ? "https" : "ssh");
    },
  );
});

describe("parseRepositoryUrl with HEIMDALL_ALLOW_PRIVATE_HOSTS", () => {
  it.each(PRIVATE_HOSTS.map(([host]) => host))("accepts %s", (host) => {
    for (const url of remotes(host)) expect(parseRepositoryUrl(url, { localRoots: [], allowPrivateHosts: true }).url).toBeTruthy();
  });

  it("still refuses everything else", () => {
    expect(rejection("ext::sh -c id", [], true).code).toBe("unsupported_url");
    expect(rejection("http://127.0.0.1/org/repo", [], true).code).toBe("unsupported_url");
    expect(rejection("/etc", [], true).code).toBe("unsupported_url");
  });
});

describe("parseRepositoryUrl leaves local folders to HEIMDALL_LOCAL_REPO_ROOTS", () => {
  it("a folder under an allowed root is accepted with private hosts refused", () => {
    expect(parseRepositoryUrl(repo, { localRoots: [allowedRoot], allowPrivateHosts: false }).kind).toBe("local");
    expect(parseRepositoryUrl(`file://${repo}`, { localRoots: [allowedRoot], allowPrivateHosts: false }).kind).toBe("local");
  });
});

describe("remoteHost", () => {
  it.each([
    ["https://github.com/org/repo.git", "github.com"],
    ["ssh://git@[::1]:22/org/repo.git", "[::1]"],
    ["git@0x7f.0.0.1:org/repo.git", "0x7f.0.0.1"],
    ["/srv/git/repo", null],
    ["file:///srv/git/repo", null],
  ] as const)("%s -> %s", (url, host) => {
    expect(remoteHost(url)).toBe(host);
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
