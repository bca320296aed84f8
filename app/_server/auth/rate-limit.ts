import { getDb } from "../db";
import { AppError } from "../errors";
import { errorResponse } from "../http";

/**
 * Sign-in rate limit (docs/adr/0014-access-control.md): at most 5 failures per email and 20 per client address in any
 * 15 minutes. Failures are rows in PostgreSQL (`SignInFailure`), so the limit holds across web instances and restarts.
 * The per-email limit is what stops guessing one account's password; the per-address limit slows spraying one password
 * over many emails (the address comes from X-Forwarded-For, so it is only as good as the proxy in front).
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** 429 `too_many_requests`, with the seconds until the next attempt may succeed (sent as Retry-After). */
export class SignInThrottled extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("too_many_requests", `Too many failed sign-ins; try again in ${describeWait(retryAfterSeconds)}.`);
  }
}

interface Limit {
  key: string;
  max: number;
}

function limitsFor(email: string, address: string | null): Limit[] {
  const limits: Limit[] = [{ key: `email:${email}`, max: MAX_FAILURES_PER_EMAIL }];
  if (address) limits.push({ key: `ip:${address}`, max: MAX_FAILURES_PER_ADDRESS });
  return limits;
}

/** Throws `SignInThrottled` when the email or the address has used up its failures; checked before any password. */
export async function assertSignInAllowed(email: string, address: string | null, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const limits = limitsFor(email, address);
  // The failures in the window of both keys at once, newest first (at most the larger limit of each matters).
  const failures = await getDb().signInFailure.findMany({ where: { key: { in: limits.map(({ key }) => key) }, at: { gt: since } }, orderBy: { at: "desc" }, select: { key: true, at: true } });
  let waitMs = 0;
  for (const { key, max } of limits) {
    // The failure whose expiry brings the count under the limit again: the max-th newest in the window.
    const blocking = failures.filter((failure) => failure.key === key)[max - 1];
    if (blocking) waitMs = Math.max(waitMs, blocking.at.getTime() + SIGN_IN_WINDOW_MS - now.getTime());
  }
  if (waitMs > 0) throw new SignInThrottled(Math.max(1, Math.ceil(waitMs / 1000)));
}

/** Counts one failed attempt against the email and the address, and drops failures older than the window. */
export async function recordSignInFailure(email: string, address: string | null, now = new Date()): Promise<void> {
  const db = getDb();
  await db.signInFailure.createMany({ data: limitsFor(email, address).map(({ key }) => ({ key, at: now })) });
  await db.signInFailure.deleteMany({ where: { at: { lte: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } } });
}

/** A successful sign-in forgives the email's failures (not the address's: one right password proves nothing about the rest). */
export async function clearSignInFailures(email: string): Promise<void> {
  await getDb().signInFailure.deleteMany({ where: { key: `email:${email}` } });
}

/** Runs a route's work; a throttled attempt becomes its 429 answer with Retry-After, anything else is thrown on. */
export async function answerThrottled(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof SignInThrottled)) throw error;
    const response = errorResponse(error);
    response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
