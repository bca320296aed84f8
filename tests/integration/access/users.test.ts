import { describe, expect, it } from "vitest";
import type { ApiErrorBody, UserDto } from "@/app/_lib/dto";
import { GET as sessionRoute } from "@/app/api/auth/session/route";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { PATCH as updateUserRoute } from "@/app/api/users/[id]/route";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/users/route";
import { getDb } from "@/app/_server/db";
import { call, type CallAs } from "../../helpers/api";
import { codeOf, createAccount, PASSWORD, signInAs } from "./accounts";

const API = "http://heimdall.test/api";
type Answer<T> = { status: number; body: T & Partial<ApiErrorBody>; headers: Headers };

const createUser = (body: Record<string, unknown>, as: CallAs = "admin") =>
  call<UserDto & Partial<ApiErrorBody>>(createUserRoute, { url: `${API}/users`, body, as }) as Promise<Answer<UserDto>>;
const updateUser = (id: string, body: unknown, as: CallAs = "admin") =>
  call<UserDto & Partial<ApiErrorBody>>(updateUserRoute, { method: "PATCH", url: `${API}/users/${id}`, params: { id }, body, as }) as Promise<Answer<UserDto>>;
const listUsers = (as: CallAs = "admin") => call<UserDto[] & Partial<ApiErrorBody>>(listUsersRoute, { url: `${API}/users`, as });
const sessionsOf = (userId: string) => getDb().session.count({ where: { userId } });
const signsIn = async (email: string, password = PASSWORD) => (await call(signInRoute, { url: `${API}/auth/sign-in`, body: { email, password }, as: "anonymous" })).status === 200;

async function team(slug: string): Promise<void> {
  await getDb().team.upsert({ where: { slug }, update: {}, create: { slug, name: slug } });
}

describe("creating users", () => {
  it("creates a user with a lower-cased email and a hashed password, and audits it without the password", async () => {
    await team("payments");
    const created = await createUser({ email: "  Alice@Example.COM ", name: "Alice", role: "member", team: "payments", password: PASSWORD });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: "alice@example.com",
      name: "Alice",
      role: "member",
      team: { slug: "payments", name: "payments" },
      createdAt: expect.any(String),
      disabledAt: null,
      lastSignInAt: null,
    });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await signsIn("alice@example.com")).toBe(true);
    const [event] = await getDb().auditEvent.findMany({ where: { action: "user.create" } });
    expect(event).toMatchObject({ targetType: "user", targetId: created.body.id, details: { email: "alice@example.com", role: "member", team: "payments" } });
    expect(JSON.stringify(event?.details)).not.toContain(PASSWORD);
  });

  it.each([
    [{ email: "not-an-email", role: "viewer", password: PASSWORD }, /email must be an email address/],
    [{ email: "a@example.com", role: "owner", password: PASSWORD }, /role must be one of admin, lead, member, viewer/],
    [{ email: "a@example.com", role: "member", password: PASSWORD }, /team: a member belongs to a team/],
    [{ email: "a@example.com", role: "lead", team: "nowhere", password: PASSWORD }, /team: no team has the slug "nowhere"/],
    [{ email: "a@example.com", role: "admin", team: "payments", password: PASSWORD }, /team: admins belong to no team/],
    [{ email: "a@example.com", role: "viewer", password: "too short" }, /password must be at least 12 characters/],
    [{ email: "a@example.com", role: "viewer" }, /password/],
  ])("refuses %j with 400", async (body, message) => {
    await team("payments");
    const answer = await createUser(body);
    expect(codeOf(answer)).toBe("400 invalid_request");
    expect(answer.body.error?.message).toMatch(message);
    expect(await getDb().user.count()).toBe(0);
  });

  it("refuses an email that exists in any case (409); a viewer may have a team or none", async () => {
    await team("payments");
    expect((await createUser({ email: "bob@example.com", role: "viewer", password: PASSWORD })).status).toBe(201);
    expect(codeOf(await createUser({ email: "BOB@example.com", role: "viewer", password: PASSWORD }))).toBe("409 conflict");
    expect((await createUser({ email: "carol@example.com", role: "viewer", team: "payments", password: PASSWORD })).body.team?.slug).toBe("payments");
  });

  it("is for admins only", async () => {
    await team("payments");
    await createAccount("lead@example.com", "lead", { team: "payments" });
    const lead = await signInAs("lead@example.com");
    expect(codeOf(await createUser({ email: "x@example.com", role: "member", team: "payments", password: PASSWORD }, { cookie: lead.cookie, csrf: lead.csrf }))).toBe("403 forbidden");
    expect(codeOf(await listUsers({ cookie: lead.cookie }))).toBe("403 forbidden");
  });
});

describe("listing users", () => {
  it("shows every user by email with when they last signed in, and never a password hash", async () => {
    await createAccount("zed@example.com", "viewer");
    await createAccount("amy@example.com", "admin");
    await signInAs("amy@example.com");
    const answer = await listUsers();
    expect(answer.status).toBe(200);
    expect(answer.body.map((user) => [user.email, user.lastSignInAt !== null])).toEqual([
      ["amy@example.com", true],
      ["zed@example.com", false],
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/argon2|passwordHash/);
  });
});

describe("changing users", () => {
  it("a role or team change ends the user's sessions; a name change does not; each is audited with what changed", async () => {
    await team("payments");
    await team("search");
    const member = await createAccount("member@example.com", "member", { team: "payments" });
    await signInAs("member@example.com");

    const renamed = await updateUser(member.id, { name: "Mem Ber" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Mem Ber");
    expect(await sessionsOf(member.id)).toBe(1);

    const promoted = await updateUser(member.id, { role: "lead", team: "search" });
    expect(promoted.body).toMatchObject({ role: "lead", team: { slug: "search" }, lastSignInAt: null });
    expect(await sessionsOf(member.id)).toBe(0);

    const details = (await getDb().auditEvent.findMany({ where: { action: "user.update" }, orderBy: { id: "asc" } })).map((event) => event.details);
    expect(details).toEqual([
      { email: "member@example.com", changes: { name: { from: null, to: "Mem Ber" } } },
      { email: "member@example.com", changes: { role: { from: "member", to: "lead" }, team: { from: "payments", to: "search" } } },
    ]);
  });

  it("a password set by an admin replaces the old one, ends the sessions, and is audited as changed only", async () => {
    const viewer = await createAccount("viewer@example.com", "viewer");
    const browser = await signInAs("viewer@example.com");
    expect((await updateUser(viewer.id, { password: "set by the admin today" })).status).toBe(200);
    expect(await sessionsOf(viewer.id)).toBe(0);
    expect((await call(sessionRoute, { url: `${API}/auth/session`, as: { cookie: browser.cookie } })).status).toBe(401);
    expect(await signsIn("viewer@example.com")).toBe(false);
    expect(await signsIn("viewer@example.com", "set by the admin today")).toBe(true);
    const [event] = await getDb().auditEvent.findMany({ where: { action: "user.update" } });
    expect(event?.details).toEqual({ email: "viewer@example.com", changes: { password: "changed" } });
  });

  it("disabling signs the user out and keeps them out (audited as user.disable); enabling lets them back", async () => {
    const viewer = await createAccount("viewer@example.com", "viewer");
    await signInAs("viewer@example.com");
    const disabled = await updateUser(viewer.id, { disabled: true });
    expect(disabled.body.disabledAt).not.toBeNull();
    expect(await sessionsOf(viewer.id)).toBe(0);
    expect(await signsIn("viewer@example.com")).toBe(false);
    expect(await getDb().auditEvent.count({ where: { action: "user.disable", targetId: viewer.id } })).toBe(1);

    expect((await updateUser(viewer.id, { disabled: false })).body.disabledAt).toBeNull();
    expect(await signsIn("viewer@example.com")).toBe(true);
  });

  it("a user made admin leaves their team; a lead or member needs one", async () => {
    await team("payments");
    const member = await createAccount("member@example.com", "member", { team: "payments" });
    const viewer = await createAccount("viewer@example.com", "viewer");
    expect((await updateUser(member.id, { role: "admin" })).body).toMatchObject({ role: "admin", team: null });
    const answer = await updateUser(viewer.id, { role: "lead" });
    expect(codeOf(answer)).toBe("400 invalid_request");
    expect(answer.body.error?.message).toMatch(/a lead belongs to a team/);
    expect(codeOf(await updateUser(member.id, { team: "payments" }))).toBe("400 invalid_request");
  });

  it.each([
    [{}, /give at least one of/],
    [{ email: "new@example.com" }, /only role, team, name, disabled and password can be changed, not email/],
    [{ disabled: "yes" }, /disabled/],
    [{ password: "short" }, /at least 12 characters/],
  ])("refuses %j with 400", async (body, message) => {
    const viewer = await createAccount("viewer@example.com", "viewer");
    const answer = await updateUser(viewer.id, body);
    expect(codeOf(answer)).toBe("400 invalid_request");
    expect(answer.body.error?.message).toMatch(message);
  });

  it("answers an unknown user with 404", async () => {
    expect(codeOf(await updateUser("nobody", { name: "x" }))).toBe("404 not_found");
  });
});

describe("the last active admin", () => {
  it("can be neither demoted nor disabled; with a second admin, one of them can", async () => {
    const first = await createAccount("first@example.com", "admin");
    for (const change of [{ role: "viewer" }, { disabled: true }]) {
      const answer = await updateUser(first.id, change);
      expect(codeOf(answer)).toBe("409 conflict");
      expect(answer.body.error?.message).toBe("first@example.com is the last active admin; make another user an admin first.");
    }
    // A disabled admin does not count.
    const second = await createAccount("second@example.com", "admin", { disabled: true });
    expect(codeOf(await updateUser(first.id, { role: "viewer" }))).toBe("409 conflict");
    expect((await updateUser(second.id, { disabled: false })).status).toBe(200);
    expect((await updateUser(first.id, { role: "viewer" })).status).toBe(200);
    expect(codeOf(await updateUser(second.id, { disabled: true }))).toBe("409 conflict");
    expect(await getDb().user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
  });

  it("waits for a concurrent demotion to commit before deciding, so the two cannot both succeed", async () => {
    const one = await createAccount("one@example.com", "admin");
    const two = await createAccount("two@example.com", "admin");
    let pending: Promise<Answer<UserDto>> | undefined;
    await getDb().$transaction(async (tx) => {
      await tx.user.update({ where: { id: one.id }, data: { role: "viewer" } });
      // Not committed yet: the request must wait on the lock rather than count `one` as an admin still.
      pending = updateUser(two.id, { disabled: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    });
    expect(codeOf((await pending) as Answer<UserDto>)).toBe("409 conflict");
    expect(await getDb().user.findUniqueOrThrow({ where: { id: two.id } })).toMatchObject({ role: "admin", disabledAt: null });
  });

  it("survives admins demoting and disabling each other at the same moment: all but one succeed", async () => {
    const admins = await Promise.all(["one", "two", "three", "four", "five"].map((name) => createAccount(`${name}@example.com`, "admin")));
    const answers = await Promise.all(admins.map((admin, index) => updateUser(admin.id, index % 2 === 0 ? { role: "viewer" } : { disabled: true })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 409]);
    expect(await getDb().user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
  });
});
