import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody, SessionDto } from "@/app/_lib/dto";
import { POST as passwordRoute } from "@/app/api/auth/password/route";
import { GET as sessionRoute } from "@/app/api/auth/session/route";
import { GET as checkSetupRoute, POST as setupRoute } from "@/app/api/auth/setup/route";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { CSRF_COOKIE, SESSION_COOKIE } from "@/app/_server/auth/cookies";
import { ensureFirstAdmin, issueSetupToken } from "@/app/_server/auth/first-admin";
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL, SIGN_IN_WINDOW_MS } from "@/app/_server/auth/rate-limit";
import { sha256 } from "@/app/_server/auth/secrets";
import { getDb } from "@/app/_server/db";
import { loadEnv } from "@/app/_server/env";
import { call, type CallAs } from "../../helpers/api";
import { codeOf, cookieValue, createAccount, PASSWORD, signInAs } from "./accounts";

const API = "http://heimdall.test/api";
type Answer<T = unknown> = { status: number; body: T & Partial<ApiErrorBody>; headers: Headers };

const signIn = (body: unknown, headers: Record<string, string> = {}) =>
  call<SessionDto & Partial<ApiErrorBody>>(signInRoute, { url: `${API}/auth/sign-in`, body, as: "anonymous", headers }) as Promise<Answer<SessionDto>>;
const session = (as: CallAs) => call<SessionDto & Partial<ApiErrorBody>>(sessionRoute, { url: `${API}/auth/session`, as }) as Promise<Answer<SessionDto>>;

describe("sign-in", () => {
  it("answers the right password with the user and two cookies: the HttpOnly session and the readable CSRF token", async () => {
    const user = await createAccount("lead@heimdall.test", "lead", { team: "payments" });
    const answer = await signIn({ email: "lead@heimdall.test", password: PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.body.user).toEqual({ id: user.id, email: "lead@heimdall.test", name: null, role: "lead", team: { id: expect.any(String), slug: "payments", name: "payments" } });
    const [sessionCookie, csrfCookie] = [SESSION_COOKIE, CSRF_COOKIE].map((name) => answer.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`)) ?? "");
    // Seven days, give or take the second the request took.
    expect(sessionCookie).toMatch(/; Path=\/; SameSite=Lax; Max-Age=60(4800|479\d); HttpOnly$/);
    expect(csrfCookie).toMatch(/; Path=\/; SameSite=Lax; Max-Age=60(4800|479\d)$/);
    expect(cookieValue(answer.headers, CSRF_COOKIE)).toBe(answer.body.csrfToken);
    expect(answer.headers.get("cache-control")).toBe("no-store");

    // The table keeps the token's SHA-256 only; the cookie then authenticates.
    const token = cookieValue(answer.headers, SESSION_COOKIE) ?? "";
    const row = await getDb().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const current = await session({ cookie: `${SESSION_COOKIE}=${token}` });
    expect(current.status).toBe(200);
    expect(current.body).toEqual(answer.body);
  });

  it("sets Secure cookies when the request came over https, and reads the email in any case", async () => {
    await createAccount("viewer@heimdall.test", "viewer");
    const answer = await signIn({ email: "  Viewer@Heimdall.TEST ", password: PASSWORD }, { "x-forwarded-proto": "https" });
    expect(answer.status).toBe(200);
    expect(answer.headers.getSetCookie().every((cookie) => cookie.endsWith("; Secure"))).toBe(true);
  });

  it("answers a wrong password, an unknown email, a disabled user and a user without a password alike, and counts each", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    await createAccount("gone@heimdall.test", "member", { team: "payments", disabled: true });
    await getDb().user.create({ data: { email: "nopassword@heimdall.test", role: "viewer" } });
    const answers = [
      await signIn({ email: "member@heimdall.test", password: `${PASSWORD}!` }),
      await signIn({ email: "nobody@heimdall.test", password: PASSWORD }),
      await signIn({ email: "gone@heimdall.test", password: PASSWORD }),
      await signIn({ email: "nopassword@heimdall.test", password: PASSWORD }),
      await signIn({ email: "not even an email", password: PASSWORD }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { code: "unauthenticated", message: "Wrong email or password." } });
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
    expect(await getDb().session.count()).toBe(0);
    expect(await getDb().signInFailure.count({ where: { key: { startsWith: "email:" } } })).toBe(5);
    // Failed sign-ins go to the log, not the audit log.
    expect(await getDb().auditEvent.count()).toBe(0);
  });

  it("spends as long on an unknown email as on a wrong password (it checks a dummy hash)", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    const timed = async (email: string) => {
      const started = performance.now();
      expect((await signIn({ email, password: "wrong password here" })).status).toBe(401);
      return performance.now() - started;
    };
    await timed("warm-up@heimdall.test");
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0;
    const wrongPassword = median([await timed("member@heimdall.test"), await timed("member@heimdall.test"), await timed("member@heimdall.test")]);
    const unknownEmail = median([await timed("a@heimdall.test"), await timed("b@heimdall.test"), await timed("c@heimdall.test")]);
    // argon2id takes tens of milliseconds; without the dummy hash an unknown email would answer in a few.
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.5);
  });

  it("refuses a sign-in posted from another site's page (login CSRF), but not one without an Origin", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    for (const origin of ["https://evil.example", "null", "http://heimdall.test.evil.example"]) {
      expect(codeOf(await signIn({ email: "member@heimdall.test", password: PASSWORD }, { origin })), origin).toBe("403 csrf_failed");
    }
    expect(await getDb().session.count()).toBe(0);
    expect((await signIn({ email: "member@heimdall.test", password: PASSWORD }, { origin: "http://heimdall.test" })).status).toBe(200);
    expect((await signIn({ email: "member@heimdall.test", password: PASSWORD })).status).toBe(200);
  });

  it("answers a malformed body with 400 and counts nothing", async () => {
    expect(codeOf(await signIn({ email: "member@heimdall.test" }))).toBe("400 invalid_request");
    expect(codeOf(await call(signInRoute, { url: `${API}/auth/sign-in`, rawBody: "{not json", as: "anonymous" }))).toBe("400 invalid_request");
    expect(await getDb().signInFailure.count()).toBe(0);
  });
});

describe("sign-in rate limit", () => {
  const wrong = (email: string, address = "203.0.113.7") => signIn({ email, password: "not the password" }, { "x-forwarded-for": address });
  const right = (email: string, address = "203.0.113.7") => signIn({ email, password: PASSWORD }, { "x-forwarded-for": address });

  it(`refuses the email for 15 minutes after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password, and says when to retry`, async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    for (let attempt = 1; attempt <= MAX_FAILURES_PER_EMAIL; attempt++) expect((await wrong("member@heimdall.test")).status, `attempt ${attempt}`).toBe(401);
    const refused = await right("member@heimdall.test");
    expect(codeOf(refused)).toBe("429 too_many_requests");
    expect(refused.body.error?.message).toMatch(/^Too many failed sign-ins; try again in 15 minutes\.$/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(SIGN_IN_WINDOW_MS / 1000 - 30);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS / 1000);
    expect(await getDb().session.count()).toBe(0);
    // Refused before any password is checked: a refused attempt is not counted again.
    expect(await getDb().signInFailure.count({ where: { key: "email:member@heimdall.test" } })).toBe(MAX_FAILURES_PER_EMAIL);
    // Another email from the same address is not held up.
    await createAccount("lead@heimdall.test", "lead", { team: "payments" });
    expect((await right("lead@heimdall.test")).status).toBe(200);
  });

  it("lets the email in again once its failures are older than the window, and a success forgives them", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt++) await wrong("member@heimdall.test");
    expect((await right("member@heimdall.test")).status).toBe(429);
    await getDb().signInFailure.updateMany({ data: { at: new Date(Date.now() - SIGN_IN_WINDOW_MS - 1000) } });
    expect((await right("member@heimdall.test")).status).toBe(200);
    expect(await getDb().signInFailure.count({ where: { key: "email:member@heimdall.test" } })).toBe(0);
  });

  it("starts counting afresh after a successful sign-in", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL - 1; attempt++) expect((await wrong("member@heimdall.test")).status).toBe(401);
    expect((await right("member@heimdall.test")).status).toBe(200);
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt++) expect((await wrong("member@heimdall.test")).status).toBe(401);
    expect((await right("member@heimdall.test")).status).toBe(429);
  });

  it(`refuses an address after ${MAX_FAILURES_PER_ADDRESS} failures over any emails; other addresses go on`, async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ADDRESS; attempt++) expect((await wrong(`guess-${attempt}@heimdall.test`)).status).toBe(401);
    expect(codeOf(await right("member@heimdall.test"))).toBe("429 too_many_requests");
    expect((await right("member@heimdall.test", "198.51.100.1")).status).toBe(200);
  });

  it("drops failures older than the window when it counts a new one", async () => {
    await getDb().signInFailure.create({ data: { key: "email:old@heimdall.test", at: new Date(Date.now() - SIGN_IN_WINDOW_MS - 60_000) } });
    await wrong("new@heimdall.test");
    expect((await getDb().signInFailure.findMany()).map((failure) => failure.key).sort()).toEqual(["email:new@heimdall.test", "ip:203.0.113.7"]);
  });
});

describe("sessions", () => {
  it("GET /api/auth/session: 401 without a session, 403 for an API token, 401 once the session expired or idled out", async () => {
    expect(codeOf(await session("anonymous"))).toBe("401 unauthenticated");
    expect(codeOf(await session("admin"))).toBe("403 forbidden");
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    const browser = await signInAs("member@heimdall.test");
    expect((await session({ cookie: browser.cookie })).status).toBe(200);
    await getDb().session.updateMany({ data: { lastSeenAt: new Date(Date.now() - 25 * 3_600_000) } });
    expect(codeOf(await session({ cookie: browser.cookie }))).toBe("401 unauthenticated");
    const again = await signInAs("member@heimdall.test");
    await getDb().session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(codeOf(await session({ cookie: again.cookie }))).toBe("401 unauthenticated");
    expect(await getDb().session.count()).toBe(0);
  });

  it("signing out needs the CSRF token, ends the session and clears both cookies", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    const browser = await signInAs("member@heimdall.test");
    const other = await signInAs("member@heimdall.test");
    expect(codeOf(await call(signOutRoute, { url: `${API}/auth/sign-out`, method: "POST", as: { cookie: browser.cookie } }))).toBe("403 csrf_failed");
    expect((await session({ cookie: browser.cookie })).status).toBe(200);

    const out = await call(signOutRoute, { url: `${API}/auth/sign-out`, method: "POST", as: { cookie: browser.cookie, csrf: browser.csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual([
      `${SESSION_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0; HttpOnly`,
      `${CSRF_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`,
    ]);
    expect(codeOf(await session({ cookie: browser.cookie }))).toBe("401 unauthenticated");
    // Only this browser signed out.
    expect((await session({ cookie: other.cookie })).status).toBe(200);
  });

  it("an API token signing out changes nothing", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    await signInAs("member@heimdall.test");
    expect((await call(signOutRoute, { url: `${API}/auth/sign-out`, method: "POST" })).status).toBe(204);
    expect(await getDb().session.count()).toBe(1);
  });
});

describe("changing one's password", () => {
  const change = (browser: { cookie: string; csrf: string }, body: unknown) =>
    call<Partial<ApiErrorBody>>(passwordRoute, { url: `${API}/auth/password`, body, as: { cookie: browser.cookie, csrf: browser.csrf } });

  it("needs the current password, then ends the user's other sessions and keeps this one", async () => {
    const user = await createAccount("member@heimdall.test", "member", { team: "payments" });
    const here = await signInAs("member@heimdall.test");
    const elsewhere = await signInAs("member@heimdall.test");
    const wrong = await change(here, { currentPassword: "not my password", newPassword: "a brand new passphrase" });
    expect(codeOf(wrong)).toBe("400 invalid_request");
    expect(wrong.body.error?.message).toMatch(/currentPassword/);
    expect(codeOf(await change(here, { currentPassword: PASSWORD, newPassword: "short" }))).toBe("400 invalid_request");
    const before = (await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;

    expect((await change(here, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" })).status).toBe(204);
    const after = (await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\$argon2id\$/);
    expect((await session({ cookie: here.cookie })).status).toBe(200);
    expect(codeOf(await session({ cookie: elsewhere.cookie }))).toBe("401 unauthenticated");
    expect((await signIn({ email: "member@heimdall.test", password: PASSWORD })).status).toBe(401);
    expect((await signIn({ email: "member@heimdall.test", password: "a brand new passphrase" })).status).toBe(200);

    const [event] = await getDb().auditEvent.findMany({ where: { action: "user.update" } });
    expect(event).toMatchObject({ actor: `user:${user.id}`, targetId: user.id, details: { email: "member@heimdall.test", changes: { password: "changed" } } });
    expect(JSON.stringify(event?.details)).not.toMatch(/passphrase|argon2/);
  });

  it("counts wrong current passwords against the sign-in limit", async () => {
    await createAccount("member@heimdall.test", "member", { team: "payments" });
    const browser = await signInAs("member@heimdall.test");
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt++) await change(browser, { currentPassword: `guess ${attempt}`, newPassword: "a brand new passphrase" });
    const refused = await change(browser, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    expect(codeOf(refused)).toBe("429 too_many_requests");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is refused to API tokens, which have no password", async () => {
    expect(codeOf(await call(passwordRoute, { url: `${API}/auth/password`, body: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" } }))).toBe("403 forbidden");
  });
});

describe("first admin", () => {
  const env = (overrides: Record<string, string> = {}) => loadEnv({ PORT: "4321", ...overrides });
  const checkSetup = (token: string) => call<{ valid?: boolean } & Partial<ApiErrorBody>>(checkSetupRoute, { url: `${API}/auth/setup?token=${encodeURIComponent(token)}`, as: "anonymous" });
  const setup = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call<SessionDto & Partial<ApiErrorBody>>(setupRoute, { url: `${API}/auth/setup`, body: { email: "first@heimdall.test", password: PASSWORD, ...body }, as: "anonymous", headers });
  const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";

  it("prints a one-time setup link when no admin exists; the link creates the admin, signs them in, and works once", async () => {
    const outcome = await ensureFirstAdmin(env());
    if (outcome.kind !== "setup-link") throw new Error(`expected a setup link, got ${outcome.kind}`);
    expect(outcome.url).toMatch(/^http:\/\/localhost:4321\/setup\?token=[\w-]{43}$/);
    expect(outcome.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const token = tokenOf(outcome.url);
    expect((await getDb().setupToken.findFirstOrThrow()).tokenHash).toBe(sha256(token));

    expect(await checkSetup(token)).toMatchObject({ status: 200, body: { valid: true } });
    expect(codeOf(await setup({ token }, { origin: "https://evil.example" }))).toBe("403 csrf_failed");
    expect(codeOf(await setup({ token, password: "short" }))).toBe("400 invalid_request");
    const created = await setup({ token, email: "First@Heimdall.test", name: "Ops" });
    expect(created.status).toBe(200);
    expect(created.body.user).toMatchObject({ email: "first@heimdall.test", name: "Ops", role: "admin", team: null });
    expect((await session({ cookie: `${SESSION_COOKIE}=${cookieValue(created.headers, SESSION_COOKIE)}` })).body.user.role).toBe("admin");
    expect(await getDb().auditEvent.findMany({ select: { action: true, actorLabel: true } })).toEqual([{ action: "admin.setup", actorLabel: "first@heimdall.test" }]);

    const reused = await checkSetup(token);
    expect(codeOf(reused)).toBe("410 gone");
    expect(reused.body.error?.message).toMatch(/used already/);
    expect(codeOf(await setup({ token, email: "second@heimdall.test" }))).toBe("410 gone");
    expect(await getDb().user.count()).toBe(1);
    // With an admin in place, the next start prints nothing.
    expect(await ensureFirstAdmin(env())).toEqual({ kind: "admin-exists" });
    expect(await getDb().setupToken.count({ where: { usedAt: null } })).toBe(0);
  });

  it("uses HEIMDALL_PUBLIC_URL in the link, and a newer link replaces an older one", async () => {
    const first = await ensureFirstAdmin(env({ HEIMDALL_PUBLIC_URL: "https://heimdall.example.com/" }));
    const second = await ensureFirstAdmin(env());
    if (first.kind !== "setup-link" || second.kind !== "setup-link") throw new Error("expected setup links");
    expect(first.url.startsWith("https://heimdall.example.com/setup?token=")).toBe(true);
    const replaced = await checkSetup(tokenOf(first.url));
    expect(codeOf(replaced)).toBe("410 gone");
    expect(replaced.body.error?.message).toMatch(/not valid/);
    expect((await checkSetup(tokenOf(second.url))).status).toBe(200);
  });

  it("refuses an expired link, a missing token, and a link once an admin exists", async () => {
    const expired = await issueSetupToken(new Date(Date.now() - 25 * 3_600_000));
    const answer = await checkSetup(expired.token);
    expect(codeOf(answer)).toBe("410 gone");
    expect(answer.body.error?.message).toMatch(/expired/);
    expect(codeOf(await setup({ token: expired.token }))).toBe("410 gone");
    expect(codeOf(await call(checkSetupRoute, { url: `${API}/auth/setup`, as: "anonymous" }))).toBe("400 invalid_request");

    const fresh = await issueSetupToken();
    await createAccount("admin@heimdall.test", "admin");
    const needless = await checkSetup(fresh.token);
    expect(codeOf(needless)).toBe("410 gone");
    expect(needless.body.error?.message).toMatch(/an admin exists already/);
    expect(codeOf(await setup({ token: fresh.token }))).toBe("409 conflict");
    expect(await getDb().user.count({ where: { email: "first@heimdall.test" } })).toBe(0);
  });

  it("lets only one of two simultaneous submissions of a link succeed", async () => {
    const { token } = await issueSetupToken();
    const answers = await Promise.all([setup({ token, email: "one@heimdall.test" }), setup({ token, email: "two@heimdall.test" })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    expect(await getDb().user.count()).toBe(1);
  });

  it("with HEIMDALL_ADMIN_EMAIL and HEIMDALL_ADMIN_PASSWORD: creates the admin, leaves it alone while it matches, resets it when not", async () => {
    const configured = env({ HEIMDALL_ADMIN_EMAIL: "Ops@Heimdall.test", HEIMDALL_ADMIN_PASSWORD: PASSWORD });
    expect(await ensureFirstAdmin(configured)).toEqual({ kind: "created", email: "ops@heimdall.test" });
    const browser = await signInAs("ops@heimdall.test");
    expect(browser.session.user.role).toBe("admin");

    expect(await ensureFirstAdmin(configured)).toEqual({ kind: "unchanged", email: "ops@heimdall.test" });
    expect((await session({ cookie: browser.cookie })).status).toBe(200);

    // Someone demoted and disabled the user and changed the password: the next start puts it back and ends its sessions.
    const team = await getDb().team.create({ data: { slug: "payments", name: "Payments" } });
    await getDb().user.update({ where: { email: "ops@heimdall.test" }, data: { role: "member", teamId: team.id, disabledAt: new Date() } });
    expect(await ensureFirstAdmin(env({ HEIMDALL_ADMIN_EMAIL: "ops@heimdall.test", HEIMDALL_ADMIN_PASSWORD: "another long passphrase" }))).toEqual({ kind: "reset", email: "ops@heimdall.test" });
    expect(await getDb().user.findUniqueOrThrow({ where: { email: "ops@heimdall.test" } })).toMatchObject({ role: "admin", teamId: null, disabledAt: null });
    expect(await getDb().session.count()).toBe(0);
    expect((await signIn({ email: "ops@heimdall.test", password: PASSWORD })).status).toBe(401);
    expect((await signIn({ email: "ops@heimdall.test", password: "another long passphrase" })).status).toBe(200);

    const events = await getDb().auditEvent.findMany({ orderBy: { id: "asc" }, select: { actor: true, action: true, details: true } });
    expect(events).toEqual([
      { actor: "start", action: "admin.setup", details: { email: "ops@heimdall.test", via: "HEIMDALL_ADMIN_EMAIL" } },
      { actor: "start", action: "user.update", details: { email: "ops@heimdall.test", via: "HEIMDALL_ADMIN_EMAIL", changes: { password: "changed", role: { from: "member", to: "admin" }, disabled: { from: true, to: false } } } },
    ]);
    expect(await getDb().setupToken.count()).toBe(0);
  });
});
