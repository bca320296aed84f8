import { describe, expect, it } from "vitest";
import type { ApiErrorBody, ApiTokenDto, CreatedApiTokenDto } from "@/app/_lib/dto";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/tokens/route";
import { GET as listTeamsRoute } from "@/app/api/teams/route";
import { sha256 } from "@/app/_server/auth/secrets";
import { getDb } from "@/app/_server/db";
import { call, type CallAs } from "../../helpers/api";
import { codeOf, createAccount, signInAs } from "./accounts";

const API = "http://heimdall.test/api";
type Answer<T> = { status: number; body: T & Partial<ApiErrorBody>; headers: Headers };

const createToken = (body: Record<string, unknown>, as: CallAs = "admin") =>
  call<CreatedApiTokenDto & Partial<ApiErrorBody>>(createTokenRoute, { url: `${API}/tokens`, body, as }) as Promise<Answer<CreatedApiTokenDto>>;
const listTokens = (as: CallAs = "admin") => call<ApiTokenDto[] & Partial<ApiErrorBody>>(listTokensRoute, { url: `${API}/tokens`, as });
const revokeToken = (id: string, as: CallAs = "admin") => call<Partial<ApiErrorBody>>(revokeTokenRoute, { method: "DELETE", url: `${API}/tokens/${id}`, params: { id }, as });
const listTeams = (token: string) => call<Array<{ slug: string }> & Partial<ApiErrorBody>>(listTeamsRoute, { url: `${API}/teams`, as: { bearer: token } });

async function teams(): Promise<void> {
  await getDb().team.createMany({ data: [{ slug: "payments", name: "Payments" }, { slug: "search", name: "Search" }] });
}

/** Every row of every table that could hold a token, as text. */
async function everythingStored(): Promise<string> {
  const dumps = await Promise.all([
    getDb().$queryRaw<Array<{ dump: string | null }>>`SELECT string_agg(to_jsonb(t)::text, '|') AS dump FROM "ApiToken" t`,
    getDb().$queryRaw<Array<{ dump: string | null }>>`SELECT string_agg(to_jsonb(t)::text, '|') AS dump FROM "AuditEvent" t`,
    getDb().$queryRaw<Array<{ dump: string | null }>>`SELECT string_agg(to_jsonb(t)::text, '|') AS dump FROM "User" t`,
    getDb().$queryRaw<Array<{ dump: string | null }>>`SELECT string_agg(to_jsonb(t)::text, '|') AS dump FROM "Session" t`,
    getDb().$queryRaw<Array<{ dump: string | null }>>`SELECT string_agg(to_jsonb(t)::text, '|') AS dump FROM "Team" t`,
  ]);
  return dumps.map(([row]) => row?.dump ?? "").join("\n");
}

async function leadSession(email: string, team: string): Promise<{ cookie: string; csrf: string }> {
  await createAccount(email, "lead", { team });
  const browser = await signInAs(email);
  return { cookie: browser.cookie, csrf: browser.csrf };
}

describe("creating API tokens", () => {
  it("shows a team token once, stores only its SHA-256, and the token then acts for its team", async () => {
    await teams();
    const created = await createToken({ name: "payments CI", team: "payments", scopes: ["scan", "coverage", "scan"] });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { token, ...dto } = created.body;
    expect(token).toMatch(/^hmd_[\w-]{43}$/);
    expect(dto).toEqual({
      id: expect.any(String),
      name: "payments CI",
      prefix: token.slice(0, 10),
      team: { slug: "payments", name: "Payments" },
      admin: false,
      scopes: ["scan", "coverage"],
      createdBy: "token integration tests",
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });

    const stored = await everythingStored();
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(10));
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: dto.id } })).tokenHash).toBe(sha256(token));
    const listed = await listTokens();
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(10));
    expect(listed.body.find((item) => item.id === dto.id)).toEqual(dto);

    // The token works, for its own team only, and its use is recorded.
    const answer = await listTeams(token);
    expect(answer.status).toBe(200);
    expect(answer.body.map((team) => team.slug)).toEqual(["payments"]);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: dto.id } })).lastUsedAt).not.toBeNull();

    const [event] = await getDb().auditEvent.findMany({ where: { action: "token.create", targetId: dto.id } });
    expect(event?.details).toEqual({ name: "payments CI", team: "payments", admin: false, scopes: ["scan", "coverage"], prefix: dto.prefix });
  });

  it("creates admin tokens for admins, named after who created them", async () => {
    await createAccount("admin@example.com", "admin");
    const admin = await signInAs("admin@example.com");
    const byUser = await createToken({ name: "automation", admin: true }, { cookie: admin.cookie, csrf: admin.csrf });
    expect(byUser.body).toMatchObject({ admin: true, team: null, scopes: [], createdBy: "admin@example.com" });
    const byToken = await createToken({ name: "nightly", admin: true }, { bearer: byUser.body.token });
    expect(byToken.body.createdBy).toBe("token automation");
  });

  it.each([
    [{ name: "ci", team: "payments" }, /scopes: give at least one of read, scan, coverage, gate/],
    [{ name: "ci", team: "payments", scopes: ["deploy"] }, /scopes must be among read, scan, coverage, gate/],
    [{ name: "ci", scopes: ["scan"] }, /team is required/],
    [{ name: "ci", team: "nowhere", scopes: ["scan"] }, /team: no team has the slug "nowhere"/],
    [{ name: "ci", admin: true, team: "payments" }, /An admin token acts for every team/],
    [{ name: "ci", admin: true, scopes: ["read"] }, /An admin token acts for every team/],
    [{ team: "payments", scopes: ["scan"] }, /name is required/],
    [{ name: "x".repeat(81), team: "payments", scopes: ["scan"] }, /name must be at most 80 characters/],
    [{ name: "ci", team: "payments", scopes: ["scan"], expires: "never" }, /expires/],
  ])("refuses %j with 400 and creates nothing", async (body, message) => {
    await teams();
    const answer = await createToken(body);
    expect(codeOf(answer)).toBe("400 invalid_request");
    expect(answer.body.error?.message).toMatch(message);
    // Only the test's own admin token exists.
    expect(await getDb().apiToken.count()).toBe(1);
  });
});

describe("a team lead's tokens", () => {
  it("manages their own team's tokens only, and no admin tokens", async () => {
    await teams();
    const lead = await leadSession("lead@example.com", "payments");
    const own = await createToken({ name: "payments CI", team: "payments", scopes: ["gate"] }, lead);
    expect(own.status).toBe(201);
    expect(own.body.createdBy).toBe("lead@example.com");
    expect(codeOf(await createToken({ name: "search CI", team: "search", scopes: ["gate"] }, lead))).toBe("403 forbidden");
    const admin = await createToken({ name: "automation", admin: true }, lead);
    expect(codeOf(admin)).toBe("403 forbidden");
    expect(admin.body.error?.message).toBe("Only an admin can create admin tokens.");

    const other = await createToken({ name: "search CI", team: "search", scopes: ["read"] });
    const listed = await listTokens({ cookie: lead.cookie });
    expect(listed.body.map((token) => token.name)).toEqual(["payments CI"]);
    expect(codeOf(await revokeToken(other.body.id, lead))).toBe("403 forbidden");
    expect(codeOf(await revokeToken((await getDb().apiToken.findFirstOrThrow({ where: { admin: true } })).id, lead))).toBe("403 forbidden");
    expect((await revokeToken(own.body.id, lead)).status).toBe(204);
    expect(await getDb().apiToken.count({ where: { revokedAt: { not: null } } })).toBe(1);
  });

  it("is all a member, a viewer or a team token gets: 403", async () => {
    await teams();
    await createAccount("member@example.com", "member", { team: "payments" });
    const member = await signInAs("member@example.com");
    const teamToken = await createToken({ name: "payments CI", team: "payments", scopes: ["read", "scan", "coverage", "gate"] });
    expect(codeOf(await listTokens({ cookie: member.cookie }))).toBe("403 forbidden");
    expect(codeOf(await createToken({ name: "x", team: "payments", scopes: ["read"] }, { cookie: member.cookie, csrf: member.csrf }))).toBe("403 forbidden");
    expect(codeOf(await listTokens({ bearer: teamToken.body.token }))).toBe("403 forbidden");
    expect(codeOf(await createToken({ name: "x", team: "payments", scopes: ["read"] }, { bearer: teamToken.body.token }))).toBe("403 forbidden");
  });
});

describe("revoking API tokens", () => {
  it("refuses the token from the next request on; revoking again changes nothing", async () => {
    await teams();
    const created = await createToken({ name: "payments CI", team: "payments", scopes: ["scan"] });
    expect((await listTeams(created.body.token)).status).toBe(200);
    expect((await revokeToken(created.body.id)).status).toBe(204);
    expect(codeOf(await listTeams(created.body.token))).toBe("401 unauthenticated");
    expect((await revokeToken(created.body.id)).status).toBe(204);
    expect(await getDb().auditEvent.count({ where: { action: "token.revoke", targetId: created.body.id } })).toBe(1);
    const listed = await listTokens();
    expect(listed.body.find((token) => token.id === created.body.id)?.revokedAt).not.toBeNull();
  });

  it("answers an unknown token with 404", async () => {
    expect(codeOf(await revokeToken("no-such-token"))).toBe("404 not_found");
  });
});
