import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import { assertHostLiteral } from "./host-check";

export type RepositoryLocation =
  | { kind: "https"; url: string; displayName: string }
  | { kind: "ssh"; url: string; displayName: string }
  | { kind: "local"; url: string; path: string; displayName: string };

const SCP_LIKE = /^(?<user>[A-Za-z0-9._-]+)@(?<host>[A-Za-z0-9.-]+):(?<path>[A-Za-z0-9._~/-]+)$/;
const HOST = /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/;

/** What an admin allows beyond public https and ssh remotes. */
export interface RepositoryUrlOptions {
  /** Folders local repositories may be registered from (`HEIMDALL_LOCAL_REPO_ROOTS`); empty allows none. */
  localRoots: readonly string[];
  /** Accept private, loopback, link-local and localhost-like hosts (`HEIMDALL_ALLOW_PRIVATE_HOSTS`); default false. */
  allowPrivateHosts?: boolean;
}

/**
 * Checks a repository address before anything runs: https and ssh remotes on public hosts, and local folders only
 * under the roots an admin allows. Anything git could interpret as an option or a transport helper is refused, and
 * so is a host that is a private, loopback or link-local address in any spelling, or a name for localhost. Names are
 * not resolved here: `assertPublicHost` does that right before cloning.
 */
export function parseRepositoryUrl(raw: string, options: RepositoryUrlOptions): RepositoryLocation {
  const input = raw.trim();
  refuseOptionsAndHelpers(input);
  const shouldAllowPrivate = options.allowPrivateHosts ?? false;
  const scp = scpLikeLocation(input, shouldAllowPrivate);
  if (scp) return scp;
  if (input.startsWith("/")) return localLocation(input, options.localRoots);
  const scheme = schemeOf(input);
  if (scheme === "file") return localLocation(decodeFileUrl(input), options.localRoots);
  if (scheme !== "https" && scheme !== "ssh") {
    throw new AppError("unsupported_url", `The ${scheme}:// scheme is not supported: use https:// or ssh://.`);
  }
  return remoteLocation(input, scheme, shouldAllowPrivate);
}

/** An scp-like ssh remote (`git@host:path`), its host checked; null when the input is not written that way. */
function scpLikeLocation(input: string, shouldAllowPrivate: boolean): RepositoryLocation | null {
  const groups = SCP_LIKE.exec(input)?.groups;
  if (!groups) return null;
  assertHostLiteral(groups.host ?? "", shouldAllowPrivate);
  return { kind: "ssh", url: input, displayName: nameFromPath(groups.path ?? "") };
}

/** The lower-cased scheme of a `scheme://` URL; anything else is not an address this parser can judge. */
function schemeOf(input: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(input)?.[1]?.toLowerCase();
  if (!scheme) throw new AppError("invalid_url", "Not a repository URL: use https://host/owner/repo, ssh://host/path or git@host:path.");
  return scheme;
}

/** Empty input, and anything git could read as an option or a transport helper. */
function refuseOptionsAndHelpers(input: string): void {
  if (input === "") throw new AppError("invalid_request", "url is required.");
  if (input.startsWith("-")) throw new AppError("unsupported_url", "A repository URL cannot start with '-'.");
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(input)) {
    throw new AppError("unsupported_url", "git transport helpers (such as ext:: and fd::) are not allowed.");
  }
  if (/[\s\0]/.test(input)) throw new AppError("invalid_url", "A repository URL cannot contain spaces or control characters.");
}

function remoteLocation(input: string, scheme: "https" | "ssh", shouldAllowPrivate: boolean): RepositoryLocation {
  const url = parseRemoteUrl(input, scheme);
  assertHostLiteral(url.hostname, shouldAllowPrivate);
  if (url.password || (scheme === "https" && url.username)) {
    throw new AppError("unsupported_url", "Credentials in the URL are not accepted; they would be stored in plain text.");
  }
  if (url.search || url.hash) throw new AppError("invalid_url", "A repository URL has no query string or fragment.");
  if (url.pathname === "/" || url.pathname === "") throw new AppError("invalid_url", "The URL names no repository path.");
  return { kind: scheme, url: url.toString(), displayName: nameFromPath(url.pathname) };
}

/** The URL as WHATWG parses it; refused when its host has characters beyond a name, a dotted address or a bracketed IPv6. */
function parseRemoteUrl(input: string, scheme: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new AppError("invalid_url", `Not a valid ${scheme} URL.`);
  }
  if (!url.hostname || !HOST.test(url.hostname)) throw new AppError("invalid_url", "The URL has no valid host name.");
  return url;
}

/** The host of a stored https://, ssh:// or scp-like (`git@host:path`) remote; null for local folders and anything else. */
export function remoteHost(url: string): string | null {
  const scp = SCP_LIKE.exec(url);
  if (scp?.groups) return scp.groups.host ?? null;
  if (!/^(?:https|ssh):\/\//i.test(url)) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

function localLocation(candidate: string, localRoots: readonly string[]): RepositoryLocation {
  if (localRoots.length === 0) {
    throw new AppError("unsupported_url", "Local folders are not allowed: an admin can list allowed roots in HEIMDALL_LOCAL_REPO_ROOTS.");
  }
  const resolved = path.resolve(candidate);
  const real = existsSync(resolved) ? realpathSync(resolved) : resolved;
  const allowed = localRoots.some((root) => isInside(real, existsSync(root) ? realpathSync(root) : root));
  if (!allowed) throw new AppError("unsupported_url", "This folder is outside the roots allowed by HEIMDALL_LOCAL_REPO_ROOTS.");
  if (!existsSync(real) || !statSync(real).isDirectory()) throw new AppError("invalid_url", "This folder does not exist.");
  return { kind: "local", url: real, path: real, displayName: path.basename(real) };
}

function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function decodeFileUrl(input: string): string {
  try {
    const url = new URL(input);
    if (url.host !== "") throw new AppError("unsupported_url", "file:// URLs must not name a host.");
    return decodeURIComponent(url.pathname);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_url", "Not a valid file:// URL.");
  }
}

function nameFromPath(repoPath: string): string {
  const last = repoPath.replace(/\/+$/, "").split("/").pop() ?? "";
  return last.replace(/\.git$/, "") || "repository";
}

const REF_FORBIDDEN = /(^[-/.])|(\.\.)|([\x00-\x20~^:?*[\\\x7f])|(@\{)|(\/\/)|([/.]$)|(\.lock$)|(\/\.)|(^@$)/;

/** Branch names as `git check-ref-format --branch` accepts them (and never starting with '-'). */
export function parseBranchName(raw: string | undefined | null): string | null {
  const branch = raw?.trim() ?? "";
  if (branch === "") return null;
  if (branch.length > 255 || REF_FORBIDDEN.test(branch)) {
    throw new AppError("invalid_request", `"${branch.slice(0, 80)}" is not a valid branch name.`);
  }
  return branch;
}
