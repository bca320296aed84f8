import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { issueApiToken } from "@/app/_server/auth/api-tokens";
import { CSRF_COOKIE, SESSION_COOKIE } from "@/app/_server/auth/cookies";
import { createSession } from "@/app/_server/auth/sessions";
import { getDb } from "@/app/_server/db";
import type { TokenScope } from "@/app/_lib/permissions";
import type { CallAs } from "../../helpers/api";
import { createFixtureRepo, headCommit } from "../../helpers/git-fixture";
import type { Caller, World } from "./routes/types";

/**
 * Text stored in the snippets of team A's and team B's findings. A response that contains one went to a caller who
 * may read that team's findings, or it leaked code (route-table.test.ts checks every response for both).
 */
export const SNIPPET_A = "const teamASecretSnippet = 1;";
export const SNIPPET_B = "const teamBSecretSnippet = 2;";

/** Who may read each team's findings (findings:read): its member and lead, admins, its tokens with scope read. */
export const FINDINGS_READERS = {
  A: ["memberA", "leadA", "admin", "tokenA:read", "adminToken"],
  B: ["memberB", "leadB", "admin", "tokenB:all", "adminToken"],
} as const satisfies Record<"A" | "B", readonly Caller[]>;

/** How each caller authenticates: a session (cookie and CSRF token) or an API token. */
export type Credential = { kind: "anonymous" } | { kind: "session"; cookie: string; csrf: string; sessionId: string } | { kind: "token"; bearer: string };

export interface BuiltWorld {
  world: World;
  credentials: Record<Caller, Credential>;
}

/** What `call` sends for a caller: for sessions the cookie, and the CSRF header only on requests that change data. */
export function callAs(credential: Credential, method: string): CallAs {
  if (credential.kind === "anonymous") return "anonymous";
  if (credential.kind === "token") return { bearer: credential.bearer };
  return method === "GET" ? { cookie: credential.cookie } : { cookie: credential.cookie, csrf: credential.csrf };
}

/** Git repositories on disk survive the per-test truncation, so each is made once per test file. */
let repositories: { a: string; b: string; unregistered: string } | null = null;

function gitRepositories(): { a: string; b: string; unregistered: string } {
  const root = inject("repoRoot");
  repositories ??= { a: createFixtureRepo(root, "sample"), b: createFixtureRepo(root, "sample"), unregistered: createFixtureRepo(root, "sample") };
  return repositories;
}

const USER_ROLES = {
  viewer: { role: "viewer", team: "A" },
  memberA: { role: "member", team: "A" },
  leadA: { role: "lead", team: "A" },
  memberB: { role: "member", team: "B" },
  leadB: { role: "lead", team: "B" },
  admin: { role: "admin", team: null },
} as const;

const TOKEN_SPECS: Record<keyof World["tokens"], { team: "A" | "B" | null; scopes: TokenScope[] }> = {
  "tokenA:read": { team: "A", scopes: ["read"] },
  "tokenA:scan": { team: "A", scopes: ["scan"] },
  "tokenA:coverage": { team: "A", scopes: ["coverage"] },
  "tokenA:gate": { team: "A", scopes: ["gate"] },
  "tokenB:all": { team: "B", scopes: ["read", "scan", "coverage", "gate"] },
  adminToken: { team: null, scopes: [] },
};

/**
 * The world of the route table (see World): written straight into the (emptied) database, with real sessions and real
 * API tokens. The viewer belongs to team A, so the table shows that a viewer of the team still sees no code.
 */
export async function buildWorld(): Promise<BuiltWorld> {
  const db = getDb();
  const git = gitRepositories();
  // Independent rows are written at once: a fresh world is made for every (mutating row, caller) pair.
  const [teamA, teamB] = await Promise.all([db.team.create({ data: { slug: "team-a", name: "Team A" } }), db.team.create({ data: { slug: "team-b", name: "Team B" } })]);
  const teamIds = { A: teamA.id, B: teamB.id };
  const [repoA, repoB] = await Promise.all([
    db.repository.create({ data: { teamId: teamA.id, name: "repo-a", url: git.a, schedule: null } }),
    db.repository.create({ data: { teamId: teamB.id, name: "repo-b", url: git.b, schedule: null } }),
  ]);
  const hourAgo = new Date(Date.now() - 3_600_000);
  const [scanA, , failedScanA, backfillA, people, issued] = await Promise.all([
    snapshot(repoA.id, headCommit(git.a), SNIPPET_A),
    snapshot(repoB.id, headCommit(git.b), SNIPPET_B),
    db.scan.create({
      data: { repositoryId: repoA.id, status: "failed", error: "Scan failed: the disk was full (failed after 3 attempts)", attempts: 3, queuedAt: hourAgo, startedAt: hourAgo, finishedAt: hourAgo, deadLetteredAt: hourAgo },
    }),
    db.backfill.create({ data: { repositoryId: repoA.id, status: "succeeded", since: new Date(Date.now() - 90 * 86_400_000), intervalDays: 30, total: 0, requestedAt: hourAgo, finishedAt: hourAgo } }),
    Promise.all(Object.entries(USER_ROLES).map(([caller, spec]) => signedInUser(caller, spec.role, spec.team ? teamIds[spec.team] : null))),
    Promise.all(
      Object.entries(TOKEN_SPECS).map(async ([caller, spec]) => {
        const token = await issueApiToken({ name: caller, teamId: spec.team ? teamIds[spec.team] : null, admin: spec.team === null, scopes: spec.scopes, createdBy: "cli" });
        return { caller, token };
      }),
    ),
  ]);
  const findingA = await db.finding.findFirstOrThrow({ where: { scanId: scanA.id } });
  const webhookA = await db.webhook.create({ data: { teamId: teamA.id, url: "https://hooks.example.com/team-a", events: ["gate.failed"], secretCipher: "not-sealed" } });

  const users = {} as World["users"];
  const tokens = {} as World["tokens"];
  const credentials = { anonymous: { kind: "anonymous" } } as Record<Caller, Credential>;
  for (const person of people) {
    users[person.caller as keyof World["users"]] = { id: person.id, email: person.email };
    credentials[person.caller as Caller] = person.credential;
  }
  for (const { caller, token } of issued) {
    tokens[caller as keyof World["tokens"]] = { id: token.id };
    credentials[caller as Caller] = { kind: "token", bearer: token.token };
  }

  const world: World = {
    teamA: { id: teamA.id, slug: teamA.slug },
    teamB: { id: teamB.id, slug: teamB.slug },
    repoA: { id: repoA.id, url: repoA.url },
    repoB: { id: repoB.id, url: repoB.url },
    scanA: { id: scanA.id, commitSha: scanA.commitSha },
    failedScanA: { id: failedScanA.id },
    findingA: { id: findingA.id },
    backfillA: { id: backfillA.id },
    webhookA: { id: webhookA.id },
    users,
    tokens,
    unregisteredRepoPath: git.unregistered,
  };
  return { world, credentials };
}

/** A user of `role` with a signed-in session, as a browser holds it: the session cookie and the readable CSRF cookie. */
async function signedInUser(caller: string, role: "admin" | "lead" | "member" | "viewer", teamId: string | null) {
  const db = getDb();
  const email = `${caller.toLowerCase()}@heimdall.test`;
  const user = await db.user.create({ data: { email, role, teamId } });
  const session = await createSession(user.id);
  const row = await db.session.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } });
  const credential: Credential = { kind: "session", cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`, csrf: session.csrfToken, sessionId: row.id };
  return { caller, id: user.id, email, credential };
}

/** A succeeded scan of `commitSha` with two rule results and two findings whose snippets hold `snippet`. */
async function snapshot(repositoryId: string, commitSha: string, snippet: string): Promise<{ id: string; commitSha: string }> {
  const db = getDb();
  const finishedAt = new Date(Date.now() - 2 * 3_600_000);
  const scan = await db.scan.create({
    data: {
      repositoryId,
      status: "succeeded",
      commitSha,
      committedAt: finishedAt,
      score: 72.5,
      grade: "C",
      queuedAt: finishedAt,
      startedAt: finishedAt,
      finishedAt,
      durationMs: 1200,
      attempts: 1,
      snapshotKey: randomUUID(),
      rulesetVersion: "test",
      guideVersion: "test",
      engineVersion: "test",
    },
  });
  await Promise.all([
    db.ruleResult.createMany({
      data: [
        { scanId: scan.id, ruleId: "secrets", guideTags: ["SECRETS"], score: 40, weight: 3, findingCount: 1 },
        { scanId: scan.id, ruleId: "function-size", guideTags: ["UNIT"], score: 90, weight: 1, findingCount: 1 },
      ],
    }),
    db.finding.createMany({
      data: [
        { scanId: scan.id, ruleId: "secrets", guideTags: ["SECRETS"], severity: "error", file: "src/config.ts", line: 3, endLine: 3, message: "Hardcoded secret", fingerprint: `${repositoryId}-secret`, snippet },
        { scanId: scan.id, ruleId: "function-size", guideTags: ["UNIT"], severity: "warning", file: "src/domain/order.ts", line: 10, endLine: 40, message: "Function is long", fingerprint: `${repositoryId}-size`, snippet },
      ],
    }),
  ]);
  return { id: scan.id, commitSha };
}

/** Every table a request could change; authenticating itself writes the columns listed (left out of the digest). */
const TABLES: Array<[string, string[]]> = [
  ["Team", []],
  ["Repository", []],
  ["Scan", []],
  ["RuleResult", []],
  ["Finding", []],
  ["Backfill", []],
  ["CoverageReport", []],
  ["User", []],
  ["Session", ["lastSeenAt"]],
  ["ApiToken", ["lastUsedAt"]],
  ["SetupToken", []],
  ["SignInFailure", []],
  ["QualityGate", []],
  ["Webhook", []],
  ["WebhookDelivery", []],
  ["AuditEvent", []],
];

/** A digest of every table a request could change, by table: a refused request must leave each the same. */
export async function databaseDigest(): Promise<Record<string, string>> {
  const parts = TABLES.map(([table, ignored]) => {
    const row = `(to_jsonb(t)${ignored.map((column) => ` - '${column}'`).join("")})::text`;
    return `SELECT '${table}' AS name, count(*) || ':' || md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS digest FROM "${table}" t`;
  });
  const rows = await getDb().$queryRawUnsafe<Array<{ name: string; digest: string }>>(parts.join(" UNION ALL "));
  // pg-boss creates its schema when it first starts; before that no job can have been sent.
  const [jobs] = await getDb().$queryRawUnsafe<Array<{ count: bigint }>>("SELECT count(*) AS count FROM pgboss.job").catch(() => [{ count: 0n }]);
  return { ...Object.fromEntries(rows.map((row) => [row.name, row.digest])), "pgboss.job": String(jobs?.count ?? 0n) };
}

/** Empties every table (as tests/integration/setup.ts does before each test), for a fresh world inside one test. */
export async function emptyDatabase(): Promise<void> {
  await getDb().$executeRawUnsafe(`TRUNCATE ${TABLES.map(([table]) => `"${table}"`).join(", ")} CASCADE`);
  await getDb().$executeRawUnsafe("DELETE FROM pgboss.job").catch(() => undefined);
}
