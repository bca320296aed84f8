import { z } from "zod";
import type { SessionDto } from "../../_lib/dto";
import type { Actor } from "../../_lib/permissions";
import { clientAddress, recordAudit } from "../auth/audit";
import { sameOrigin } from "../auth/authenticate";
import { activeAdminExists, claimSetupToken, findUsableSetupToken } from "../auth/first-admin";
import { dummyPasswordHash, hashPassword, MAX_PASSWORD_LENGTH, passwordInput, verifyPassword } from "../auth/passwords";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from "../auth/rate-limit";
import { createSession, deleteSession, sessionCookies, type NewSession } from "../auth/sessions";
import { getDb } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";
import { emailInput, endOtherSessions } from "./users";

const log = logger.child({ component: "sign-in" });

/** The one answer to every failed sign-in, so it tells nobody whether the email exists or the user is disabled. */
const WRONG_CREDENTIALS = "Wrong email or password.";

// Not `emailInput`: a malformed email is a wrong email, answered like any other.
const signInInput = z.object({
  email: z.string({ error: "email is required." }).trim().toLowerCase().min(1, "email is required.").max(320),
  password: z.string({ error: "password is required." }).min(1, "password is required.").max(MAX_PASSWORD_LENGTH),
});

export interface SignedIn {
  session: SessionDto;
  /** What `sessionCookies` turns into Set-Cookie headers. */
  cookies: NewSession;
}

/**
 * Signs a user in with email and password. Refused, all with the same 401: an unknown email (checked against a dummy
 * hash so it takes as long), a wrong password, a disabled user, a user without a password. After too many failures the
 * email or the client address gets 429 before any password is checked. Sign-in needs no credentials, so a browser on
 * another site could post one (login CSRF): an Origin other than Heimdall's own is refused.
 */
export async function signIn(raw: unknown, request: Request): Promise<SignedIn> {
  assertOwnOrigin(request);
  const { email, password } = signInInput.parse(raw);
  const address = clientAddress(request);
  await assertSignInAllowed(email, address);
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true, role: true, passwordHash: true, disabledAt: true } });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !passwordMatches || user.disabledAt) {
    await recordSignInFailure(email, address);
    const reason = !user ? "unknown email" : user.disabledAt ? "user disabled" : "wrong password";
    log.warn({ email, ip: address, reason }, "sign-in failed");
    throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  }
  await clearSignInFailures(email);
  if (user.role === "admin") log.info({ userId: user.id, email, ip: address }, "admin signed in");
  return startSession(user.id);
}

/** The signed-in user and the session's CSRF token. API tokens have no session: 403. */
export async function currentSession(actor: Actor): Promise<SessionDto> {
  if (actor.kind !== "user") throw new AppError("forbidden", "API tokens have no session: GET /api/auth/session answers for a signed-in browser only.");
  const session = await getDb().session.findUnique({ where: { id: actor.sessionId }, select: { csrfToken: true } });
  if (!session) throw new AppError("unauthenticated", "Your session has ended; sign in again.");
  return sessionDto(actor.id, session.csrfToken);
}

/** Ends the caller's session; an API token has none, so for a token this changes nothing. */
export async function signOut(actor: Actor): Promise<void> {
  if (actor.kind === "user") await deleteSession(actor.sessionId);
}

const changePasswordInput = z.object({
  currentPassword: z.string({ error: "currentPassword is required." }).min(1, "currentPassword is required.").max(MAX_PASSWORD_LENGTH),
  newPassword: passwordInput,
});

/**
 * Changes the signed-in user's own password. The current password must be given (a borrowed session cannot take the
 * account over) and counts against the sign-in rate limit when wrong; the user's other sessions end, this one stays.
 */
export async function changePassword(actor: Actor, raw: unknown, request: Request): Promise<void> {
  if (actor.kind !== "user") throw new AppError("forbidden", "API tokens have no password; sign in to change yours.");
  const { currentPassword, newPassword } = changePasswordInput.parse(raw);
  const address = clientAddress(request);
  await assertSignInAllowed(actor.email, address);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordSignInFailure(actor.email, address);
    log.warn({ userId: actor.id, ip: address }, "password change refused: wrong current password");
    throw new AppError("invalid_request", "currentPassword: this is not your current password.");
  }
  await getDb().user.update({ where: { id: actor.id }, data: { passwordHash: await hashPassword(newPassword) } });
  await endOtherSessions(actor.id, actor.sessionId);
  await recordAudit(actor, { action: "user.update", targetType: "user", targetId: actor.id, details: { email: actor.email, changes: { password: "changed" } } }, request);
}

/** Whether a setup link can still be used: 410 `gone` (with the reason) when not, or when an admin exists already. */
export async function checkSetupToken(token: string | null): Promise<{ valid: true }> {
  if (!token) throw new AppError("invalid_request", "token is required: open the setup link exactly as `npm start` printed it.");
  await findUsableSetupToken(token);
  if (await activeAdminExists(getDb())) throw new AppError("gone", "This setup link is no longer needed: an admin exists already. Sign in instead.");
  return { valid: true };
}

const setupInput = z.object({
  token: z.string({ error: "token is required." }).min(1, "token is required.").max(200),
  email: emailInput,
  password: passwordInput,
  name: z.string().trim().max(100).optional(),
});

/**
 * Creates the first admin through the one-time setup link and signs them in. The link is spent in the same
 * transaction, so two submissions cannot both succeed; refused (409) once an active admin exists.
 */
export async function completeSetup(raw: unknown, request: Request): Promise<SignedIn> {
  assertOwnOrigin(request);
  const input = setupInput.parse(raw);
  await findUsableSetupToken(input.token);
  const passwordHash = await hashPassword(input.password);
  const user = await getDb().$transaction(async (tx) => {
    await claimSetupToken(tx, input.token);
    if (await activeAdminExists(tx)) throw new AppError("conflict", "An admin exists already; sign in instead (an admin can create more users).");
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", `A user with the email ${input.email} exists already; choose another email.`);
    }
    return tx.user.create({ data: { email: input.email, name: input.name || null, role: "admin", passwordHash }, select: { id: true, email: true } });
  });
  const actor: Actor = { kind: "user", id: user.id, email: user.email, role: "admin", teamId: null, sessionId: "" };
  await recordAudit(actor, { action: "admin.setup", targetType: "user", targetId: user.id, details: { email: user.email, via: "setup link" } }, request);
  log.info({ userId: user.id, email: user.email }, "first admin created through the setup link");
  return startSession(user.id);
}

/** 200 with the SessionDto and the Set-Cookie headers that start the session; never cached. */
export function signedInResponse(request: Request, { session, cookies }: SignedIn): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  for (const cookie of sessionCookies(request, cookies)) headers.append("set-cookie", cookie);
  return Response.json(session, { headers });
}

async function startSession(userId: string): Promise<SignedIn> {
  const cookies = await createSession(userId);
  return { session: await sessionDto(userId, cookies.csrfToken), cookies };
}

async function sessionDto(userId: string, csrfToken: string): Promise<SessionDto> {
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, team: { select: { id: true, slug: true, name: true } } },
  });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team }, csrfToken };
}

/** Requests that need no credentials but start a session must not come from another site's page (login CSRF). */
function assertOwnOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin !== null && (origin === "null" || !sameOrigin(origin, request))) {
    throw new AppError("csrf_failed", "This sign-in comes from another site; sign in on Heimdall's own page.");
  }
}
