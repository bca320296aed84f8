/// <reference types="vite/client" />
// The route × role table (issue 7, docs/adr/0014-access-control.md): every row of routes/*.ts is called as every kind of
// caller against a world of two teams. Allowed callers must succeed, anonymous callers get 401 and everyone else 403, a
// refused call that would change data changes nothing, and no response carries a team's code to a caller who may not
// read that team's findings. A last test fails when a route file under app/api exports a method no row covers.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as getRepository, PATCH as updateRepository } from "@/app/api/repositories/[id]/route";
import { getDb } from "@/app/_server/db";
import { call, type CallAs } from "../../helpers/api";
import { CALLERS, type Caller, type RouteCase } from "./routes/types";
import { buildWorld, callAs, databaseDigest, emptyDatabase, FINDINGS_READERS, SNIPPET_A, SNIPPET_B, type BuiltWorld } from "./world";

const API = "http://heimdall.test/api";
const API_ROOT = path.resolve(__dirname, "../../../app/api");

const modules = import.meta.glob<{ rows?: RouteCase[] }>("./routes/*.ts", { eager: true });
const ROWS: RouteCase[] = Object.values(modules).flatMap((module) => module.rows ?? []);

const title = (row: RouteCase) => `${row.method} /api/${row.route}${row.name ? ` (${row.name})` : ""}`;

/** `repositories/[id]/scans` with `{ id: "x" }` → `repositories/x/scans`. */
function fillParams(route: string, params: Record<string, string> = {}): string {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
}

async function send(row: RouteCase, caller: Caller, built: BuiltWorld) {
  const request = row.request(built.world);
  return call(row.handler, {
    method: row.method,
    url: request.url ?? `${API}/${fillParams(row.route, request.params)}`,
    ...(request.params ? { params: request.params } : {}),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
    ...(request.headers ? { headers: request.headers } : {}),
    as: callAs(built.credentials[caller], row.method),
  });
}

const isAllowed = (row: RouteCase, caller: Caller) => row.allowed === "public" || row.allowed.includes(caller);

/** What is wrong with one call's answer, or null: status, error code, and code of a team the caller may not read. */
function problemWith(row: RouteCase, caller: Caller, status: number, body: unknown): string | null {
  if (isAllowed(row, caller)) {
    const ok = row.successStatus === undefined ? status >= 200 && status < 300 : status === row.successStatus;
    if (!ok) return `expected ${row.successStatus ?? "2xx"}, got ${status} ${JSON.stringify(body).slice(0, 300)}`;
  } else {
    const [expected, code] = caller === "anonymous" ? [401, "unauthenticated"] : [403, "forbidden"];
    const actual = (body as { error?: { code?: string } } | null)?.error?.code;
    if (status !== expected || actual !== code) return `expected ${expected} ${code}, got ${status} ${JSON.stringify(body).slice(0, 300)}`;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  for (const team of ["A", "B"] as const) {
    const snippet = team === "A" ? SNIPPET_A : SNIPPET_B;
    if (text.includes(snippet) && !(FINDINGS_READERS[team] as readonly Caller[]).includes(caller)) return `the answer shows team ${team}'s code`;
  }
  return null;
}

/** Calls a row as `caller` and returns what is wrong (empty when nothing is). */
async function runRow(row: RouteCase, caller: Caller, built: BuiltWorld): Promise<string[]> {
  const { status, body } = await send(row, caller, built);
  const problems: string[] = [];
  const problem = problemWith(row, caller, status, body);
  if (problem) problems.push(`${caller}: ${problem}`);
  try {
    await row.check?.(caller, status, body, built.world);
  } catch (error) {
    problems.push(`${caller}: check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return problems;
}

describe("route × role table", () => {
  it("has rows", () => {
    expect(ROWS.length).toBeGreaterThan(0);
  });

  for (const row of ROWS.filter((candidate) => !candidate.mutates)) {
    it(`${title(row)} as every caller`, async () => {
      const built = await buildWorld();
      const problems: string[] = [];
      for (const caller of CALLERS) problems.push(...(await runRow(row, caller, built)));
      expect(problems).toEqual([]);
    });
  }

  // A refused call is shown to change nothing, so the world it saw is still fresh for the next caller; after a call that
  // succeeded (or one that changed data it should not have), the next caller gets a new world.
  for (const row of ROWS.filter((candidate) => candidate.mutates)) {
    it(`${title(row)} as every caller, each in a fresh world`, async () => {
      const problems: string[] = [];
      let built: BuiltWorld | null = null;
      for (const caller of CALLERS) {
        if (!built) {
          await emptyDatabase();
          built = await buildWorld();
        }
        const before = await databaseDigest();
        problems.push(...(await runRow(row, caller, built)));
        const changed = JSON.stringify(await databaseDigest()) !== JSON.stringify(before);
        if (changed && !isAllowed(row, caller)) problems.push(`${caller}: a refused call changed data`);
        if (changed || isAllowed(row, caller)) built = null;
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("session cookies and API tokens", () => {
  const repositoryUrl = (built: BuiltWorld) => `${API}/repositories/${built.world.repoA.id}`;
  const session = (built: BuiltWorld, caller: Caller) => {
    const credential = built.credentials[caller];
    if (credential.kind !== "session") throw new Error(`${caller} has no session`);
    return credential;
  };
  const patch = (built: BuiltWorld, as: CallAs, headers: Record<string, string> = {}) =>
    call<{ error?: { code: string } }>(updateRepository, { method: "PATCH", url: repositoryUrl(built), params: { id: built.world.repoA.id }, body: { public: true }, as, headers });
  const read = (built: BuiltWorld, as: CallAs) => call<{ error?: { code: string } }>(getRepository, { url: repositoryUrl(built), params: { id: built.world.repoA.id }, as });

  it("a change made with a session cookie needs the session's own CSRF token and, when an Origin is sent, this origin", async () => {
    const built = await buildWorld();
    const lead = session(built, "leadA");
    const before = await databaseDigest();
    const refused = [
      await patch(built, { cookie: lead.cookie }),
      await patch(built, { cookie: lead.cookie, csrf: "not-the-token" }),
      await patch(built, { cookie: lead.cookie, csrf: session(built, "leadB").csrf }),
      await patch(built, { cookie: lead.cookie, csrf: lead.csrf }, { origin: "https://evil.example" }),
      await patch(built, { cookie: lead.cookie, csrf: lead.csrf }, { origin: "http://heimdall.test.evil.example" }),
    ];
    expect(refused.map(({ status, body }) => `${status} ${body.error?.code}`)).toEqual(Array(refused.length).fill("403 csrf_failed"));
    expect(await databaseDigest()).toEqual(before);

    const accepted = await patch(built, { cookie: lead.cookie, csrf: lead.csrf }, { origin: "http://heimdall.test" });
    expect(accepted.status).toBe(200);
    expect(await getDb().repository.findUniqueOrThrow({ where: { id: built.world.repoA.id } })).toMatchObject({ public: true });
  });

  it("an expired, idle or ended session, and a disabled user's, is refused with 401", async () => {
    const built = await buildWorld();
    const db = getDb();
    const cases: Array<[Caller, () => Promise<unknown>]> = [
      ["viewer", () => db.session.update({ where: { id: session(built, "viewer").sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } })],
      ["memberA", () => db.session.update({ where: { id: session(built, "memberA").sessionId }, data: { lastSeenAt: new Date(Date.now() - 25 * 3_600_000) } })],
      ["leadA", () => db.session.delete({ where: { id: session(built, "leadA").sessionId } })],
      ["admin", () => db.user.update({ where: { id: built.world.users.admin.id }, data: { disabledAt: new Date() } })],
    ];
    for (const [caller, end] of cases) {
      expect((await read(built, { cookie: session(built, caller).cookie })).status, `${caller} before`).toBe(200);
      await end();
      const after = await read(built, { cookie: session(built, caller).cookie });
      expect(`${after.status} ${after.body.error?.code}`, `${caller} after`).toBe("401 unauthenticated");
    }
    // The expired and idle sessions are gone, not only refused.
    expect(await db.session.count({ where: { id: { in: [session(built, "viewer").sessionId, session(built, "memberA").sessionId] } } })).toBe(0);
  });

  it("a revoked token fails at once; an unknown or malformed one is refused; a bad Authorization header is not rescued by a cookie", async () => {
    const built = await buildWorld();
    const token = built.credentials["tokenA:read"];
    if (token.kind !== "token") throw new Error("tokenA:read is a token");
    expect((await read(built, { bearer: token.bearer })).status).toBe(200);
    await getDb().apiToken.update({ where: { id: built.world.tokens["tokenA:read"].id }, data: { revokedAt: new Date() } });
    const answers = [
      await read(built, { bearer: token.bearer }),
      await read(built, { bearer: "hmd_unknownunknownunknownunknownunknownunknown" }),
      await read(built, { bearer: "not-a-heimdall-token" }),
      await call<{ error?: { code: string } }>(getRepository, { url: repositoryUrl(built), params: { id: built.world.repoA.id }, as: "anonymous", headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }),
      await call<{ error?: { code: string } }>(getRepository, { url: repositoryUrl(built), params: { id: built.world.repoA.id }, as: { cookie: session(built, "admin").cookie }, headers: { authorization: "Bearer hmd_wrong" } }),
    ];
    expect(answers.map(({ status, body }) => `${status} ${body.error?.code}`)).toEqual(Array(answers.length).fill("401 unauthenticated"));
  });
});

/** `route.ts` files under app/api, as their folder relative to it ("repositories/[id]/scans"). */
function routeFiles(folder = API_ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_ROOT, folder).split(path.sep).join("/")] : [];
  });
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The HTTP methods a route file exports: `export const GET`, `export (async) function GET`, `export { GET }`. */
function exportedMethods(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g)) names.add(match[1] ?? "");
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? "").split(",")) names.add(part.trim().split(/\s+as\s+/).pop()?.trim() ?? "");
  }
  return [...names].filter((name) => HTTP_METHODS.includes(name));
}

describe("completeness", () => {
  it("every route file's every exported method has a row, and every row names a route and method that exist", () => {
    const exported = routeFiles().flatMap((route) => exportedMethods(readFileSync(path.join(API_ROOT, route, "route.ts"), "utf8")).map((method) => `${method} ${route}`));
    const covered = new Set(ROWS.map((row) => `${row.method} ${row.route}`));
    expect(exported.filter((key) => !covered.has(key)), "routes without a row in tests/integration/access/routes/*.ts").toEqual([]);
    expect([...covered].filter((key) => !exported.includes(key)), "rows for routes or methods that do not exist").toEqual([]);
  });

  it("the method finder reads every way a route file exports a handler", () => {
    expect(exportedMethods("export const GET = handle(…);\nexport async function POST() {}\nexport function PUT() {}\nexport { PATCH, handler as DELETE };\nexport const dynamic = 'x';")).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE"]);
  });
});
