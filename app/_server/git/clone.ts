import { mkdir } from "node:fs/promises";
import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { loadEnv } from "../env";
import { AppError } from "../errors";
import { assertPublicHost } from "./host-check";
import { folderBytes, watchFolderSize } from "./size-limit";
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
  /** Access token of a private https repository, in plain text: reaches git only through its environment (remoteAccessConfig). */
  accessToken?: string;
  /** PEM file of CA certificates for https remotes; unset: `HEIMDALL_GIT_SSL_CA_INFO`, else the system's. */
  sslCaInfo?: string;
  /** Largest the clone (objects and files) may grow, in MB; unset: `HEIMDALL_MAX_REPO_MB`. */
  maxMegabytes?: number;
}

export interface Checkout {
  dir: string;
  commitSha: string;
  /** Committer date of the checked-out commit: where its snapshot sits on the score history. */
  committedAt: Date;
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

/** User name sent with an access token; GitHub, GitLab (personal, project and group tokens) and Gitea ignore it. */
const TOKEN_USER = "x-access-token";

/**
 * Settings for talking to an https remote: the CA file, and the access token as an `Authorization: Basic` header.
 * They reach git through GIT_CONFIG_COUNT/GIT_CONFIG_KEY_n/GIT_CONFIG_VALUE_n, so the token is in no command line
 * (process lists) and, unlike credentials in the URL, is not written to the clone's .git/config. Redirects are off
 * (hardenedConfig), so the header goes to the registered host only.
 */
function remoteAccessConfig(request: CloneRequest): Array<[key: string, value: string]> {
  if (request.isLocal || !request.source.startsWith("https://")) return [];
  const entries: Array<[string, string]> = [];
  const caInfo = request.sslCaInfo ?? loadEnv().HEIMDALL_GIT_SSL_CA_INFO;
  if (caInfo) entries.push(["http.sslCAInfo", caInfo]);
  if (request.accessToken) entries.push(["http.extraHeader", `Authorization: Basic ${basicCredentials(request.accessToken)}`]);
  return entries;
}

function basicCredentials(token: string): string {
  return Buffer.from(`${TOKEN_USER}:${token}`, "utf8").toString("base64");
}

/** Configuration entries as git's GIT_CONFIG_COUNT environment variables. */
function configEnvironment(entries: Array<[string, string]>): Record<string, string> {
  if (entries.length === 0) return {};
  const variables: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], index) => {
    variables[`GIT_CONFIG_KEY_${index}`] = key;
    variables[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return variables;
}

/**
 * A simple-git bound to `baseDir` with the hardened configuration. `isRemoteCommand` adds remoteAccessConfig (for
 * commands that reach the remote); simple-git's guard against GIT_CONFIG_COUNT is lifted only then, for Heimdall's own
 * entries.
 */
function gitFor(baseDir: string, request: CloneRequest, isRemoteCommand = false): SimpleGit {
  const remoteVariables = isRemoteCommand ? configEnvironment(remoteAccessConfig(request)) : {};
  const hasRemoteVariables = Object.keys(remoteVariables).length > 0;
  return simpleGit({
    baseDir,
    config: hardenedConfig(request.isLocal),
    timeout: { block: request.timeoutMs },
    unsafe: hasRemoteVariables ? { ...HARDENING_OVERRIDES, allowUnsafeConfigEnvCount: true } : HARDENING_OVERRIDES,
    allowEnvironment: [...CLONE_ENVIRONMENT, ...Object.keys(remoteVariables)],
    ...(request.signal ? { abort: request.signal } : {}),
  }).env({ ...cloneEnvironment(path.join(request.workDir, "home")), ...remoteVariables });
}

/** Shallow, single-branch clone of one commit for a scan. */
export async function cloneRepository(request: CloneRequest): Promise<Checkout> {
  const dir = await hardenedClone(request, ["--depth", "1"]);
  try {
    return { dir, ...(await headCommit(gitFor(dir, request))) };
  } catch (error) {
    throw new CloneError(describeGitFailure(error, request));
  }
}

/** A single-branch clone with history and no files checked out yet: a backfill checks out one past commit after another. */
export interface HistoryClone {
  dir: string;
  /** The branch's first-parent commits back to the clone's horizon, newest first. */
  commits: Array<{ sha: string; committedAt: Date }>;
  /** Checks out `sha` (files of other commits removed), ready for analysis. */
  checkout(sha: string): Promise<void>;
}

/**
 * Clones the branch's history back to `since` (git's --shallow-since: commits older than that are not fetched), under
 * the same hardening as a scan's clone, and lists its first-parent commits.
 */
export async function cloneHistory(request: CloneRequest, since: Date): Promise<HistoryClone> {
  const dir = await hardenedClone(request, ["--no-checkout", `--shallow-since=${since.toISOString()}`]);
  const git = gitFor(dir, request);
  try {
    const commits = parseCommitLog(await git.raw(["log", "--first-parent", "--format=%H %ct", "HEAD"]));
    const checkout = async (sha: string) => {
      await git.raw(["checkout", "--force", "--detach", sha]);
      await git.raw(["clean", "-ffdqx"]);
    };
    return { dir, commits, checkout };
  } catch (error) {
    throw new CloneError(describeGitFailure(error, request));
  }
}

/** Lines of `git log --format="%H %ct"` as commits with their committer dates. */
function parseCommitLog(log: string): HistoryClone["commits"] {
  return log
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [sha = "", seconds = "0"] = line.split(" ");
      return { sha, committedAt: new Date(Number(seconds) * 1000) };
    });
}

/** Clones into `<workDir>/checkout` with the hardened configuration and the given extra options; returns the folder. */
async function hardenedClone(request: CloneRequest, extraOptions: string[]): Promise<string> {
  const dir = path.join(request.workDir, "checkout");
  await mkdir(path.join(request.workDir, "home"), { recursive: true });
  const source = request.isLocal ? `file://${request.source}` : request.source;
  const options = [...extraOptions, "--single-branch", "--no-tags", "--no-recurse-submodules", "--template="];
  if (request.branch) options.push("--branch", request.branch);
  await assertClonableHost(request);
  const limitBytes = (request.maxMegabytes ?? loadEnv().HEIMDALL_MAX_REPO_MB) * 1024 * 1024;
  const tooLarge = () => new CloneError(`The repository is larger than ${limitBytes / 1024 / 1024} MB (HEIMDALL_MAX_REPO_MB) and was not cloned.`);
  // Checked while git writes (the download is stopped once over) and again after, for a clone faster than the check.
  const watch = watchFolderSize(dir, limitBytes);
  const signal = request.signal ? AbortSignal.any([request.signal, watch.signal]) : watch.signal;
  try {
    await gitFor(request.workDir, { ...request, signal }, true).clone(source, dir, options);
  } catch (error) {
    throw watch.isExceeded() ? tooLarge() : new CloneError(describeGitFailure(error, request));
  } finally {
    watch.stop();
  }
  if ((await folderBytes(dir)) > limitBytes) throw tooLarge();
  return dir;
}

/** The checked-out commit and its committer date. */
export async function headCommit(git: SimpleGit): Promise<{ commitSha: string; committedAt: Date }> {
  const [commitSha = "", seconds = "0"] = (await git.raw(["show", "-s", "--format=%H %ct", "HEAD"])).trim().split(" ");
  return { commitSha, committedAt: new Date(Number(seconds) * 1000) };
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

/** A readable reason for a failed git command, with the access token (in any form git could print it) removed. */
function describeGitFailure(error: unknown, request: CloneRequest): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactToken(explainGitFailure(redactToken(text, request.accessToken), request), request.accessToken);
}

/** Replaces the token, and its Basic-credentials and URL-encoded forms, with `[redacted]`. */
export function redactToken(text: string, token: string | undefined): string {
  if (!token) return text;
  const forms = [basicCredentials(token), encodeURIComponent(token), token].filter((form) => form.length > 0);
  return forms.reduce((redacted, form) => redacted.split(form).join("[redacted]"), text);
}

/** What git says when a remote wants credentials it did not get or did not accept. */
const AUTHENTICATION_FAILED = /could not read (username|password)|authentication failed|terminal prompts disabled|returned error: 40[13]|access denied|invalid username or password/i;

function explainGitFailure(text: string, request: CloneRequest): string {
  if (AUTHENTICATION_FAILED.test(text) && !request.isLocal && request.source.startsWith("https://")) {
    return request.accessToken
      ? "Could not clone the repository: authentication failed — the server did not accept the access token. Set a valid token (PATCH /api/repositories/:id with accessToken)."
      : "Could not clone the repository: authentication failed — the server asks for credentials. For a private repository, set an access token (accessToken).";
  }
  if (/timed? ?out|block timeout/i.test(text)) return `Cloning took longer than ${Math.round(request.timeoutMs / 1000)} s and was stopped.`;
  const fatal = text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.startsWith("fatal:"));
  const reason = fatal ? fatal.replace(/^fatal:\s*/, "") : text.split("\n")[0]?.trim() || "git failed";
  const where = request.branch ? ` (branch ${request.branch})` : "";
  return `Could not clone the repository${where}: ${reason}`;
}
