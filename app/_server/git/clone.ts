import { mkdir } from "node:fs/promises";
import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { loadEnv } from "../env";
import { AppError } from "../errors";
import { assertPublicHost } from "./host-check";
import { remoteHost } from "./repository-url";

/** A clone that failed for a reason retrying will not fix; its message is safe to show to the user. */
export class CloneError extends Error {
  override name = "CloneError";
}

export interface CloneRequest {
  /** https/ssh URL or an absolute local path already checked by `parseRepositoryUrl`. */
  source: string;
  isLocal: boolean;
  branch: string | null;
  /** An empty scratch folder owned by this scan; the checkout goes to `<workDir>/checkout`. */
  workDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Allow private, loopback and link-local hosts; unset: `HEIMDALL_ALLOW_PRIVATE_HOSTS`. */
  allowPrivateHosts?: boolean;
}

export interface Checkout {
  dir: string;
  commitSha: string;
}

/**
 * Git configuration of Heimdall's own, given on the command line so that no system, global or repository setting can
 * loosen it: only https and ssh (and file for allowed local roots), no hooks, no symlinks, no submodules, no LFS
 * smudge filters, no redirects to other hosts, objects checked on the way in.
 */
function hardenedConfig(isLocal: boolean): string[] {
  return [
    "protocol.allow=never",
    "protocol.https.allow=always",
    "protocol.ssh.allow=always",
    `protocol.file.allow=${isLocal ? "always" : "never"}`,
    "core.hooksPath=/dev/null",
    "core.symlinks=false",
    "core.fsmonitor=false",
    "submodule.recurse=false",
    "http.followRedirects=false",
    "transfer.fsckObjects=true",
    "filter.lfs.smudge=",
    "filter.lfs.process=",
    "filter.lfs.required=false",
    "credential.helper=",
  ];
}

/** The only environment variables git sees: no inherited GIT_* setting can loosen the configuration. */
const CLONE_ENVIRONMENT = ["PATH", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_NOSYSTEM", "GIT_TERMINAL_PROMPT", "LANG"] as const;

/**
 * simple-git refuses these settings by default because attacker-chosen values are dangerous. Heimdall sets each one
 * itself, with fixed values that only take abilities away from git (see hardenedConfig); nothing from the repository
 * or the user reaches them.
 */
const HARDENING_OVERRIDES = {
  allowUnsafeProtocolOverride: true,
  allowUnsafeTemplateDir: true,
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeFilter: true,
  allowUnsafeCredentialHelper: true,
} as const;

/** Values of CLONE_ENVIRONMENT: an empty home in the scratch folder, so no user or system git configuration applies. */
function cloneEnvironment(home: string): Record<(typeof CLONE_ENVIRONMENT)[number], string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    LANG: "C",
  };
}

function gitFor(baseDir: string, request: CloneRequest): SimpleGit {
  return simpleGit({
    baseDir,
    config: hardenedConfig(request.isLocal),
    timeout: { block: request.timeoutMs },
    unsafe: HARDENING_OVERRIDES,
    allowEnvironment: [...CLONE_ENVIRONMENT],
    ...(request.signal ? { abort: request.signal } : {}),
  }).env(cloneEnvironment(path.join(request.workDir, "home")));
}

/** Shallow, single-branch clone of one commit for a scan. */
export async function cloneRepository(request: CloneRequest): Promise<Checkout> {
  const dir = path.join(request.workDir, "checkout");
  await mkdir(path.join(request.workDir, "home"), { recursive: true });
  const source = request.isLocal ? `file://${request.source}` : request.source;
  const options = ["--depth", "1", "--single-branch", "--no-tags", "--no-recurse-submodules", "--template="];
  if (request.branch) options.push("--branch", request.branch);
  await assertClonableHost(request);
  try {
    await gitFor(request.workDir, request).clone(source, dir, options);
    const commitSha = (await gitFor(dir, request).revparse(["HEAD"])).trim();
    return { dir, commitSha };
  } catch (error) {
    throw new CloneError(describeGitFailure(error, request));
  }
}

/**
 * Resolves the remote's host right before git runs, so that a name re-pointed at a private address since registration
 * (DNS rebinding) is refused. A refused or unknown host fails the scan for good (CloneError); a DNS server that cannot
 * answer now is left for the job to retry. Local folders are governed by HEIMDALL_LOCAL_REPO_ROOTS instead.
 */
async function assertClonableHost(request: CloneRequest): Promise<void> {
  if (request.isLocal) return;
  const host = remoteHost(request.source);
  if (host === null) throw new CloneError("Could not clone the repository: its URL names no https or ssh host.");
  try {
    await assertPublicHost(host, request.allowPrivateHosts ?? loadEnv().HEIMDALL_ALLOW_PRIVATE_HOSTS);
  } catch (error) {
    if (error instanceof AppError && error.code !== "unavailable") throw new CloneError(error.message);
    throw error;
  }
}

function describeGitFailure(error: unknown, request: CloneRequest): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/timed? ?out|block timeout/i.test(text)) return `Cloning took longer than ${Math.round(request.timeoutMs / 1000)} s and was stopped.`;
  const fatal = text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.startsWith("fatal:"));
  const reason = fatal ? fatal.replace(/^fatal:\s*/, "") : text.split("\n")[0]?.trim() || "git failed";
  const where = request.branch ? ` (branch ${request.branch})` : "";
  return `Could not clone the repository${where}: ${reason}`;
}
