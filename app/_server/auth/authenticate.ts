import { AppError } from "../errors";
import { resolveApiToken } from "./api-tokens";
import { CSRF_HEADER, readCookies, SESSION_COOKIE } from "./cookies";
import type { Actor, Permission } from "../../_lib/permissions";
import { can } from "../../_lib/permissions";
import { sameSecret } from "./secrets";
import { resolveSession } from "./sessions";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is asking: an API token (`Authorization: Bearer hmd_…`) or a session cookie. Cookie-authenticated requests that
 * change something must also carry the session's CSRF token in X-CSRF-Token and, when the browser sends an Origin,
 * come from this server's own origin. Throws 401 `unauthenticated` or 403 `csrf_failed`; never says which part of a
 * credential was wrong.
 */
export async function authenticate(request: Request): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const actor = match?.[1] ? await resolveApiToken(match[1]) : null;
    if (!actor) throw new AppError("unauthenticated", "The API token is not valid: it is unknown, malformed or revoked. Send Authorization: Bearer <token> with a token from Settings → API tokens.");
    return actor;
  }
  const sessionToken = readCookies(request).get(SESSION_COOKIE);
  if (!sessionToken) throw new AppError("unauthenticated", "Sign in first, or send an API token as Authorization: Bearer <token>.");
  const session = await resolveSession(sessionToken);
  if (!session) throw new AppError("unauthenticated", "Your session has expired or was ended; sign in again.");
  if (!SAFE_METHODS.has(request.method.toUpperCase())) assertSameSite(request, session.csrfToken);
  const { csrfToken: _csrf, ...actor } = session;
  return actor;
}

function assertSameSite(request: Request, csrfToken: string): void {
  const sent = request.headers.get(CSRF_HEADER);
  if (!sent || !sameSecret(sent, csrfToken)) {
    throw new AppError("csrf_failed", "This request changes data but does not carry the session's CSRF token (X-CSRF-Token); reload the page and try again.");
  }
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== "null" && !sameOrigin(origin, request)) {
    throw new AppError("csrf_failed", "This request comes from another site; Heimdall only accepts changes made from its own pages.");
  }
}

/** Whether a browser's Origin names the host the request was sent to (directly or through a proxy's X-Forwarded-Host). */
export function sameOrigin(origin: string, request: Request): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host") ?? new URL(request.url).host;
  return originHost === host;
}

/** Throws 403 `forbidden` unless the actor may do `permission` on a resource of `teamId` (null: organisation-wide). */
export function authorize(actor: Actor, permission: Permission, teamId: string | null): void {
  if (!can(actor, permission, teamId)) throw forbidden(actor, permission);
}

const PERMISSION_WORDS: Record<Permission, string> = {
  "scores:read": "see these scores",
  "findings:read": "see this team's findings and code",
  "repositories:manage": "manage this team's repositories",
  "scans:trigger": "start scans for this team",
  "coverage:upload": "upload coverage for this team",
  "gate:read": "read this team's quality gate",
  "gates:manage": "change this team's quality gate",
  "tokens:manage": "manage this team's API tokens",
  "webhooks:manage": "manage this team's webhooks",
  "teams:manage": "create teams",
  "users:manage": "manage users",
  "audit:read": "read the audit log",
};

export function forbidden(actor: Actor, permission: Permission): AppError {
  const who = actor.kind === "token" ? "This API token" : "Your role";
  const hint = actor.kind === "token" ? ` (needs a token of this team with a scope that grants ${permission})` : ` (needs ${permission})`;
  return new AppError("forbidden", `${who} does not allow you to ${PERMISSION_WORDS[permission]}${hint}.`);
}
