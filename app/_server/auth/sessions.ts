import { getDb } from "../db";
import { loadEnv } from "../env";
import type { Actor } from "../../_lib/permissions";
import { CSRF_COOKIE, isSecureRequest, SESSION_COOKIE, serializeCookie } from "./cookies";
import { randomSecret, sha256 } from "./secrets";

/** A session ends 7 days after sign-in, or after 24 hours without a request, whichever comes first. */
export const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 24 * 3600 * 1000;
/** lastSeenAt is written at most this often, so reading pages does not turn into one UPDATE per request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(userId: string): Promise<NewSession> {
  const token = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await getDb().session.create({ data: { tokenHash: sha256(token), userId, csrfToken, expiresAt } });
  return { token, csrfToken, expiresAt };
}

export type SessionActor = Extract<Actor, { kind: "user" }> & { csrfToken: string };

/** The signed-in user of a session token, or null when the token is unknown, expired, idle too long or the user disabled. */
export async function resolveSession(token: string): Promise<SessionActor | null> {
  const session = await getDb().session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > SESSION_IDLE_MS || session.user.disabledAt) {
    await getDb().session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await getDb().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { user } = session;
  return { kind: "user", id: user.id, email: user.email, role: user.role, teamId: user.teamId, sessionId: session.id, csrfToken: session.csrfToken };
}

export async function deleteSession(sessionId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user (password changed, role changed, disabled). */
export async function deleteUserSessions(userId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { userId } });
}

/** Set-Cookie headers that start a session: the HttpOnly session cookie and the readable CSRF cookie. */
export function sessionCookies(request: Request, session: NewSession): string[] {
  const secure = isSecureRequest(request, loadEnv().HEIMDALL_SECURE_COOKIES);
  const maxAgeSeconds = (session.expiresAt.getTime() - Date.now()) / 1000;
  return [
    serializeCookie(SESSION_COOKIE, session.token, { maxAgeSeconds, httpOnly: true, secure }),
    serializeCookie(CSRF_COOKIE, session.csrfToken, { maxAgeSeconds, httpOnly: false, secure }),
  ];
}

/** Set-Cookie headers that end a session in the browser. */
export function clearedSessionCookies(request: Request): string[] {
  const secure = isSecureRequest(request, loadEnv().HEIMDALL_SECURE_COOKIES);
  return [
    serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0, httpOnly: true, secure }),
    serializeCookie(CSRF_COOKIE, "", { maxAgeSeconds: 0, httpOnly: false, secure }),
  ];
}
