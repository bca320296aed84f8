import type { ApiErrorBody, SessionDto } from "@/app/_lib/dto";
import type { Role } from "@/app/_lib/permissions";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { CSRF_COOKIE, SESSION_COOKIE } from "@/app/_server/auth/cookies";
import { hashPassword } from "@/app/_server/auth/passwords";
import { getDb } from "@/app/_server/db";
import { call } from "../../helpers/api";

export const PASSWORD = "correct horse battery staple";

/** A user with a password, written straight into the database (team by slug, created when missing). */
export async function createAccount(email: string, role: Role, options: { team?: string; password?: string; disabled?: boolean } = {}): Promise<{ id: string; email: string }> {
  const db = getDb();
  const team = options.team ? await db.team.upsert({ where: { slug: options.team }, update: {}, create: { slug: options.team, name: options.team } }) : null;
  const user = await db.user.create({
    data: { email, role, teamId: team?.id ?? null, passwordHash: await hashPassword(options.password ?? PASSWORD), disabledAt: options.disabled ? new Date() : null },
  });
  return { id: user.id, email };
}

/** The value of the cookie `name` among a response's Set-Cookie headers. */
export function cookieValue(headers: Headers, name: string): string | undefined {
  const cookie = headers.getSetCookie().find((value) => value.startsWith(`${name}=`));
  return cookie ? decodeURIComponent(cookie.slice(name.length + 1).split(";")[0] ?? "") : undefined;
}

export interface SignedInBrowser {
  session: SessionDto;
  /** The Cookie header a browser would send back, and the CSRF token its page echoes. */
  cookie: string;
  csrf: string;
  token: string;
}

/** Signs in through `POST /api/auth/sign-in`, as a browser would; throws unless it succeeds. */
export async function signInAs(email: string, password = PASSWORD): Promise<SignedInBrowser> {
  const response = await call<SessionDto>(signInRoute, { url: "http://heimdall.test/api/auth/sign-in", body: { email, password }, as: "anonymous" });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  const token = cookieValue(response.headers, SESSION_COOKIE) ?? "";
  const csrf = cookieValue(response.headers, CSRF_COOKIE) ?? "";
  return { session: response.body, cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`, csrf, token };
}

/** "401 unauthenticated": an answer's status and error code, as one string to compare. */
export function codeOf(answer: { status: number; body: Partial<ApiErrorBody> }): string {
  return `${answer.status} ${answer.body.error?.code ?? ""}`.trim();
}
