// `npm run admin` as an operator runs it: the real script in a child process, against the integration database.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, UserDto } from "@/app/_lib/dto";
import { runningEmbeddedPostgresUrl } from "@/app/_server/embedded-postgres-url";
import { GET as listTeamsRoute } from "@/app/api/teams/route";
import { GET as listUsersRoute } from "@/app/api/users/route";
import { sha256 } from "@/app/_server/auth/secrets";
import { getDb } from "@/app/_server/db";
import { call } from "../../helpers/api";
import { PASSWORD, signInAs } from "./accounts";

const ROOT = path.resolve(__dirname, "../../..");
const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-admin-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last line of stdout: where a token or password is printed. */
  last: string;
}

/** Runs `npm run admin -- …args` (the script under tsx, as the npm script does) and waits for it. */
function admin(args: string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/admin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr, last: stdout.trimEnd().split("\n").at(-1) ?? "" }));
    child.stdin.end(options.stdin ?? "");
  });
}

const listTeams = (token: string) => call<Array<{ slug: string }>>(listTeamsRoute, { url: "http://heimdall.test/api/teams", as: { bearer: token } });

describe("npm run admin", () => {
  it("token create --team --scope: prints the token last, stores its hash, audits it as the CLI; the token acts for its team", async () => {
    await getDb().team.createMany({ data: [{ slug: "payments", name: "Payments" }, { slug: "search", name: "Search" }] });
    const run = await admin(["token", "create", "--team", "payments", "--scope", "scan,coverage"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.last).toMatch(/^hmd_[\w-]{43}$/);
    expect(run.stdout.split("\n")[0]).toMatch(/^Created token for team payments with scopes scan, coverage: "payments CI" \(id \w+\)\. Store it now; it is not shown again:$/);

    const row = await getDb().apiToken.findFirstOrThrow({ where: { name: "payments CI" } });
    expect(row).toMatchObject({ tokenHash: sha256(run.last), admin: false, scopes: ["scan", "coverage"], createdBy: "cli" });
    expect(await getDb().auditEvent.findMany({ select: { actor: true, actorLabel: true, action: true, targetId: true } })).toEqual([{ actor: "cli", actorLabel: "npm run admin", action: "token.create", targetId: row.id }]);

    const answer = await listTeams(run.last);
    expect(answer.status).toBe(200);
    expect(answer.body.map((team) => team.slug)).toEqual(["payments"]);
  });

  it("token create --admin, token list and token revoke: the admin token works until it is revoked", async () => {
    const created = await admin(["token", "create", "--admin", "--name", "automation"]);
    expect(created.code).toBe(0);
    const token = created.last;
    const users = await call<UserDto[]>(listUsersRoute, { url: "http://heimdall.test/api/users", as: { bearer: token } });
    expect(users.status).toBe(200);

    const listed = await admin(["token", "list"]);
    expect(listed.code).toBe(0);
    const id = (await getDb().apiToken.findFirstOrThrow({ where: { name: "automation" } })).id;
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+automation\\s+${token.slice(0, 10)}…\\s+\\(admin\\)`, "m"));
    expect(listed.stdout).not.toContain(token.slice(10));

    const revoked = await admin(["token", "revoke", id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe(`Revoked token ${id}; requests with it are refused from now on.\n`);
    const refused = await call<ApiErrorBody>(listUsersRoute, { url: "http://heimdall.test/api/users", as: { bearer: token } });
    expect(refused.status).toBe(401);
  });

  it("user create: with --password-stdin the user signs in with that password; without, a generated password is printed last", async () => {
    await getDb().team.create({ data: { slug: "payments", name: "Payments" } });
    const piped = await admin(["user", "create", "--email", "Lead@Example.com", "--role", "lead", "--team", "payments", "--password-stdin"], { stdin: `${PASSWORD}\n` });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^Created lead lead@example.com in team payments \(id \w+\)\.\n$/);
    expect((await signInAs("lead@example.com", PASSWORD)).session.user).toMatchObject({ role: "lead", team: { slug: "payments" } });

    const generated = await admin(["user", "create", "--email", "ops@example.com", "--role", "admin"]);
    expect(generated.code).toBe(0);
    expect(generated.last).toMatch(/^[\w-]{43}$/);
    expect((await signInAs("ops@example.com", generated.last)).session.user.role).toBe("admin");

    const listed = await admin(["user", "list"]);
    expect(listed.stdout.split("\n").slice(1, 3).map((line) => line.split(/\s{2,}/).slice(1, 5))).toEqual([
      ["lead@example.com", "lead", "payments", expect.stringMatching(/^\d{4}-\d\d-\d\d$/)],
      ["ops@example.com", "admin", expect.stringMatching(/^\d{4}-\d\d-\d\d$/)],
    ]);
    expect((await getDb().auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => `${event.actor} ${event.action}`)).toEqual(["cli user.create", "cli user.create"]);
  });

  it("answers bad input with exit code 2 and a clear message, and changes nothing", async () => {
    await getDb().team.create({ data: { slug: "payments", name: "Payments" } });
    const cases: Array<[string[], RegExp]> = [
      [["token", "create", "--team", "nowhere", "--scope", "scan"], /team: no team has the slug "nowhere"/],
      [["token", "create", "--team", "payments", "--scope", "deploy"], /scopes must be among read, scan, coverage, gate/],
      [["token", "create", "--team", "payments"], /give --scope/],
      [["user", "create", "--email", "x@example.com", "--role", "owner"], /role must be one of admin, lead, member, viewer/],
      [["user", "create", "--email", "x@example.com", "--role", "member"], /team: a member belongs to a team/],
      [["user", "create", "--email", "x@example.com", "--role", "viewer", "--password-stdin"], /password must be at least 12 characters/],
      [["token", "revoke", "nope"], /API token "nope" does not exist/],
      [["users", "list"], /unknown command "users list"/],
    ];
    for (const [args, message] of cases) {
      const run = await admin(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stdout, args.join(" ")).toBe("");
    }
    expect(await getDb().apiToken.count()).toBe(0);
    expect(await getDb().user.count()).toBe(0);
    expect(await getDb().auditEvent.count()).toBe(0);
  }, 120_000);

  it("without DATABASE_URL, uses the embedded PostgreSQL a running Heimdall keeps in HEIMDALL_DATA_DIR", async (context) => {
    // The integration database is itself an embedded PostgreSQL, in the scratch folder beside the data folder.
    const dataDir = path.join(path.dirname(inject("dataDir")), "data");
    if (process.env.TEST_DATABASE_URL || !runningEmbeddedPostgresUrl(dataDir)) context.skip();
    const run = await admin(["token", "create", "--admin", "--name", "found it"], { env: { DATABASE_URL: undefined, HEIMDALL_DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect((await getDb().apiToken.findFirstOrThrow({ where: { name: "found it" } })).tokenHash).toBe(sha256(run.last));
  });

  it("without DATABASE_URL or a running Heimdall, starts the embedded PostgreSQL, migrates it, and stops it afterwards", async () => {
    const dataDir = path.join(scratch, "fresh");
    const run = await admin(["user", "list"], { env: { DATABASE_URL: undefined, HEIMDALL_DATA_DIR: dataDir } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Warnings may come first (as root, PostgreSQL's user needs a way into the scratch folder); the answer is last.
    expect(run.last).toBe("(none)");
    expect(existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
    expect(runningEmbeddedPostgresUrl(dataDir)).toBeNull();
  }, 180_000);
});
