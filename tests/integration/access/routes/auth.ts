// Rows of the route × role table for sign-in, sessions, setup, users, API tokens and the audit log (issue 7). The
// world's users have sessions but no password, so the sign-in and password rows show who reaches the password check
// (and that it refuses); the successful paths are tested in sign-in.test.ts.
import { expect } from "vitest";
import type { ApiTokenDto, AuditPageDto, CreatedApiTokenDto, SessionDto, UserDto } from "@/app/_lib/dto";
import { GET as auditLog } from "@/app/api/audit/route";
import { POST as changePassword } from "@/app/api/auth/password/route";
import { GET as currentSession } from "@/app/api/auth/session/route";
import { GET as checkSetup, POST as completeSetup } from "@/app/api/auth/setup/route";
import { POST as signIn } from "@/app/api/auth/sign-in/route";
import { POST as signOut } from "@/app/api/auth/sign-out/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { PATCH as updateUser } from "@/app/api/users/[id]/route";
import { GET as listUsers, POST as createUser } from "@/app/api/users/route";
import { sha256 } from "@/app/_server/auth/secrets";
import { getDb } from "@/app/_server/db";
import { CALLERS, type Caller, type RouteCase } from "./types";

const API = "http://heimdall.test/api";

const USERS = ["viewer", "memberA", "leadA", "memberB", "leadB", "admin"] as const satisfies readonly Caller[];
const ADMINS = ["admin", "adminToken"] as const satisfies readonly Caller[];
/** tokens:manage on team A. */
const TOKEN_MANAGERS_A = ["leadA", "admin", "adminToken"] as const satisfies readonly Caller[];
const PASSWORD = "correct horse battery staple";

const succeeded = (status: number) => status >= 200 && status < 300;
const errorMessage = (body: unknown) => (body as { error?: { message?: string } }).error?.message;

/** The audit log holds exactly one event of `action` after a success, and none after a refusal. */
async function expectAudit(status: number, action: string, targetId: string): Promise<void> {
  const events = await getDb().auditEvent.findMany({ where: { action } });
  expect(events.map((event) => event.targetId)).toEqual(succeeded(status) ? [targetId] : []);
}

export const rows: RouteCase[] = [
  // ---- sign-in and setup need no credentials: every caller is answered alike, whatever it sends.
  {
    route: "auth/sign-in",
    method: "POST",
    name: "a wrong password",
    handler: signIn,
    request: (world) => ({ url: `${API}/auth/sign-in`, body: { email: world.users.viewer.email, password: PASSWORD } }),
    allowed: "public",
    successStatus: 401,
    mutates: true,
    check: async (_caller, _status, body, world) => {
      expect(errorMessage(body)).toBe("Wrong email or password.");
      expect(await getDb().signInFailure.count({ where: { key: `email:${world.users.viewer.email}` } })).toBe(1);
    },
  },
  {
    route: "auth/setup",
    method: "GET",
    name: "an unknown setup link",
    handler: checkSetup,
    request: () => ({ url: `${API}/auth/setup?token=not-a-setup-token` }),
    allowed: "public",
    successStatus: 410,
    mutates: false,
  },
  {
    route: "auth/setup",
    method: "POST",
    name: "an unknown setup link",
    handler: completeSetup,
    request: () => ({ url: `${API}/auth/setup`, body: { token: "not-a-setup-token", email: "first@heimdall.test", password: PASSWORD } }),
    allowed: "public",
    successStatus: 410,
    mutates: true,
    check: async () => expect(await getDb().user.count({ where: { email: "first@heimdall.test" } })).toBe(0),
  },

  // ---- the caller's own session
  {
    route: "auth/session",
    method: "GET",
    handler: currentSession,
    request: () => ({ url: `${API}/auth/session` }),
    allowed: USERS,
    mutates: false,
    check: (caller, status, body, world) => {
      if (!succeeded(status)) return;
      const session = body as SessionDto;
      expect(session.user.id).toBe(world.users[caller as (typeof USERS)[number]].id);
      expect(session.csrfToken).toMatch(/^[\w-]{43}$/);
    },
  },
  {
    route: "auth/sign-out",
    method: "POST",
    handler: signOut,
    request: () => ({ url: `${API}/auth/sign-out` }),
    // An API token has no session to end: 204 and nothing changes.
    allowed: CALLERS.filter((caller) => caller !== "anonymous"),
    successStatus: 204,
    mutates: true,
    check: async (caller, _status, _body, world) => {
      const userSessions = await getDb().session.count({ where: { userId: { in: USERS.map((user) => world.users[user].id) } } });
      expect(userSessions).toBe((USERS as readonly Caller[]).includes(caller) ? USERS.length - 1 : USERS.length);
    },
  },
  {
    route: "auth/password",
    method: "POST",
    name: "a wrong current password",
    handler: changePassword,
    request: () => ({ url: `${API}/auth/password`, body: { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` } }),
    // Every user reaches the check, which refuses (the world's users have no password); tokens have no password: 403.
    allowed: USERS,
    successStatus: 400,
    mutates: true,
    check: async (_caller, status, body) => {
      if (status === 400) expect(errorMessage(body)).toMatch(/currentPassword/);
      expect(await getDb().user.count({ where: { passwordHash: { not: null } } })).toBe(0);
    },
  },

  // ---- users: admins only
  {
    route: "users",
    method: "GET",
    handler: listUsers,
    request: () => ({ url: `${API}/users` }),
    allowed: ADMINS,
    mutates: false,
    check: (_caller, status, body, world) => {
      if (succeeded(status)) expect((body as UserDto[]).map((user) => user.email).sort()).toEqual(USERS.map((user) => world.users[user].email).sort());
    },
  },
  {
    route: "users",
    method: "POST",
    handler: createUser,
    request: (world) => ({ url: `${API}/users`, body: { email: "New.Member@Heimdall.test", role: "member", team: world.teamA.slug, password: PASSWORD } }),
    allowed: ADMINS,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status, body) => {
      if (succeeded(status)) expect((body as UserDto).email).toBe("new.member@heimdall.test");
      const created = await getDb().user.findUnique({ where: { email: "new.member@heimdall.test" } });
      expect(created !== null).toBe(succeeded(status));
      if (created) await expectAudit(status, "user.create", created.id);
    },
  },
  {
    route: "users/[id]",
    method: "PATCH",
    name: "a member made lead",
    handler: updateUser,
    request: (world) => ({ url: `${API}/users/${world.users.memberA.id}`, params: { id: world.users.memberA.id }, body: { role: "lead" } }),
    allowed: ADMINS,
    mutates: true,
    check: async (_caller, status, _body, world) => {
      const member = await getDb().user.findUniqueOrThrow({ where: { id: world.users.memberA.id }, include: { _count: { select: { sessions: true } } } });
      expect(member.role).toBe(succeeded(status) ? "lead" : "member");
      // A role change ends the user's sessions.
      expect(member._count.sessions).toBe(succeeded(status) ? 0 : 1);
      await expectAudit(status, "user.update", world.users.memberA.id);
    },
  },

  // ---- API tokens: admins all, leads their team's
  {
    route: "tokens",
    method: "GET",
    handler: listTokens,
    request: () => ({ url: `${API}/tokens` }),
    allowed: ["leadA", "leadB", ...ADMINS],
    mutates: false,
    check: (caller, status, body) => {
      if (!succeeded(status)) return;
      const names = (body as ApiTokenDto[]).map((token) => token.name).sort();
      const expected: Partial<Record<Caller, string[]>> = { leadA: ["tokenA:coverage", "tokenA:gate", "tokenA:read", "tokenA:scan"], leadB: ["tokenB:all"] };
      expect(names).toEqual(expected[caller] ?? ["adminToken", "tokenA:coverage", "tokenA:gate", "tokenA:read", "tokenA:scan", "tokenB:all"]);
      expect(JSON.stringify(body)).not.toMatch(/tokenHash|hmd_[\w-]{20,}/);
    },
  },
  {
    route: "tokens",
    method: "POST",
    name: "a team A token",
    handler: createToken,
    request: (world) => ({ url: `${API}/tokens`, body: { name: "ci", team: world.teamA.slug, scopes: ["scan", "coverage"] } }),
    allowed: TOKEN_MANAGERS_A,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status, body) => {
      const rows = await getDb().apiToken.findMany({ where: { name: "ci" } });
      expect(rows).toHaveLength(succeeded(status) ? 1 : 0);
      if (!succeeded(status)) return;
      const created = body as CreatedApiTokenDto;
      expect(rows[0]?.tokenHash).toBe(sha256(created.token));
      await expectAudit(status, "token.create", created.id);
    },
  },
  {
    route: "tokens",
    method: "POST",
    name: "an admin token",
    handler: createToken,
    request: () => ({ url: `${API}/tokens`, body: { name: "automation", admin: true } }),
    allowed: ADMINS,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status) => expect(await getDb().apiToken.count({ where: { name: "automation", admin: true } })).toBe(succeeded(status) ? 1 : 0),
  },
  {
    route: "tokens/[id]",
    method: "DELETE",
    name: "a team A token",
    handler: revokeToken,
    request: (world) => ({ url: `${API}/tokens/${world.tokens["tokenA:read"].id}`, params: { id: world.tokens["tokenA:read"].id } }),
    allowed: TOKEN_MANAGERS_A,
    successStatus: 204,
    mutates: true,
    check: async (_caller, status, _body, world) => {
      const token = await getDb().apiToken.findUniqueOrThrow({ where: { id: world.tokens["tokenA:read"].id } });
      expect(token.revokedAt !== null).toBe(succeeded(status));
      await expectAudit(status, "token.revoke", token.id);
    },
  },
  {
    route: "tokens/[id]",
    method: "DELETE",
    name: "the admin token",
    handler: revokeToken,
    request: (world) => ({ url: `${API}/tokens/${world.tokens.adminToken.id}`, params: { id: world.tokens.adminToken.id } }),
    allowed: ADMINS,
    successStatus: 204,
    mutates: true,
  },

  // ---- audit log: admins only
  {
    route: "audit",
    method: "GET",
    handler: auditLog,
    request: () => ({ url: `${API}/audit?limit=10` }),
    allowed: ADMINS,
    mutates: false,
    check: (_caller, status, body) => {
      if (succeeded(status)) expect(body as AuditPageDto).toEqual({ events: [], nextBefore: null });
    },
  },
  {
    route: "audit",
    method: "GET",
    name: "as CSV",
    handler: auditLog,
    request: () => ({ url: `${API}/audit?format=csv` }),
    allowed: ADMINS,
    mutates: false,
    check: (_caller, status, body) => {
      if (succeeded(status)) expect(body).toBe("id,at,actor,actorLabel,action,targetType,targetId,ip,details\r\n");
    },
  },
];
