import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db";
import { AppError } from "../errors";
import type { SessionDto } from "../../_lib/dto";
import { PATH_HEADER, signInHref } from "../../_lib/page-path";
import type { Actor } from "../../_lib/permissions";
import { SESSION_COOKIE } from "./cookies";
import { resolveSession } from "./sessions";

export interface PageSession {
  actor: Extract<Actor, { kind: "user" }>;
  /** What the browser is told about the signed-in user (the same shape as `GET /api/auth/session`). */
  dto: SessionDto;
}

/**
 * The signed-in user of the page being rendered, or null without a valid session. Cached for the request, so the
 * layout and the page read the session row once.
 */
export const pageSession = cache(async (): Promise<PageSession | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const session = await resolveSession(token);
  if (!session) return null;
  const user = await getDb().user.findUnique({ where: { id: session.id }, select: { name: true, team: { select: { id: true, slug: true, name: true } } } });
  if (!user) return null;
  const { csrfToken, ...actor } = session;
  return {
    actor,
    dto: { user: { id: actor.id, email: actor.email, name: user.name, role: actor.role, team: user.team }, csrfToken },
  };
});

/** The signed-in user; without one, the sign-in page, which comes back to this page afterwards. */
export async function requirePageSession(): Promise<PageSession> {
  const session = await pageSession();
  if (session) return session;
  redirect(signInHref((await headers()).get(PATH_HEADER)));
}

/**
 * Runs a page's authorization check (`authorizeFinding(actor, "findings:read", id)` and the like, app/_server/auth/
 * resources.ts) for the signed-in user: an unknown resource is the 404 page, a refused one the 403 "not allowed"
 * page (app/forbidden.tsx). Pages that load data on the server must pass here before they load it.
 */
export async function authorizePage(check: (actor: PageSession["actor"]) => Promise<unknown>): Promise<PageSession> {
  const session = await requirePageSession();
  try {
    await check(session.actor);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") forbidden();
    throw error;
  }
  return session;
}
