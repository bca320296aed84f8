// Rows of the route × role table for the routes that existed before issue 7: health, teams, repositories, scans,
// backfills, coverage, findings and the dashboard views. Every resource asked about belongs to team A unless a row's
// name says otherwise.
import { expect } from "vitest";
import { GET as getBackfill } from "@/app/api/backfills/[id]/route";
import { GET as listDeadLetters } from "@/app/api/dead-letters/route";
import { GET as getFinding } from "@/app/api/findings/[id]/route";
import { GET as health } from "@/app/api/health/route";
import { GET as overview } from "@/app/api/overview/route";
import { GET as listBackfills, POST as requestBackfill } from "@/app/api/repositories/[id]/backfills/route";
import { POST as uploadCoverage } from "@/app/api/repositories/[id]/coverage/route";
import { GET as listFindings } from "@/app/api/repositories/[id]/findings/route";
import { GET as history } from "@/app/api/repositories/[id]/history/route";
import { DELETE as deleteRepository, GET as getRepository, PATCH as updateRepository } from "@/app/api/repositories/[id]/route";
import { GET as listScans, POST as requestScan } from "@/app/api/repositories/[id]/scans/route";
import { GET as listSnapshots } from "@/app/api/repositories/[id]/snapshots/route";
import { GET as listRepositories, POST as registerRepository } from "@/app/api/repositories/route";
import { GET as rules } from "@/app/api/rules/route";
import { GET as liveScan } from "@/app/api/scans/[id]/live/route";
import { POST as retryScan } from "@/app/api/scans/[id]/retry/route";
import { GET as getScan } from "@/app/api/scans/[id]/route";
import { GET as teamOverview } from "@/app/api/teams/[slug]/overview/route";
import { GET as listTeams, POST as createTeam } from "@/app/api/teams/route";
import { getDb } from "@/app/_server/db";
import { FINDINGS_READERS } from "../world";
import type { Caller, RouteCase, World } from "./types";

const API = "http://heimdall.test/api";

const USERS = ["viewer", "memberA", "leadA", "memberB", "leadB", "admin"] as const satisfies readonly Caller[];
/** scores:read on team A: every signed-in user, team A's tokens whose scopes include it (read, scan, gate), admin tokens. */
const SCORES_A = [...USERS, "tokenA:read", "tokenA:scan", "tokenA:gate", "adminToken"] as const satisfies readonly Caller[];
/** scores:read on team B. */
const SCORES_B = [...USERS, "tokenB:all", "adminToken"] as const satisfies readonly Caller[];
/** Organisation-wide lists and views: every caller who may read scores somewhere (team tokens see their own team). */
const ANY_READER = [...USERS, "tokenA:read", "tokenA:scan", "tokenA:gate", "tokenB:all", "adminToken"] as const satisfies readonly Caller[];
/** findings:read on team A: its member and lead (not the viewer, though it is in team A), admins, read-scoped tokens. */
const FINDINGS_A = FINDINGS_READERS.A;
const FINDINGS_B = FINDINGS_READERS.B;
/** repositories:manage on team A. */
const MANAGE_A = ["leadA", "admin", "adminToken"] as const satisfies readonly Caller[];
/** scans:trigger on team A. */
const TRIGGER_A = ["leadA", "admin", "tokenA:scan", "adminToken"] as const satisfies readonly Caller[];
/** coverage:upload on team A. */
const COVERAGE_A = ["leadA", "admin", "tokenA:coverage", "adminToken"] as const satisfies readonly Caller[];
/** teams:manage: admins only. */
const ADMINS = ["admin", "adminToken"] as const satisfies readonly Caller[];

/** The team a team token acts for; null for users and admin tokens, who read the whole organisation. */
function tokenTeam(caller: Caller): "A" | "B" | null {
  if (caller.startsWith("tokenA:")) return "A";
  if (caller === "tokenB:all") return "B";
  return null;
}

const succeeded = (status: number) => status >= 200 && status < 300;

/** A dashboard view's `team`: null (the organisation) for users and admin tokens, the token's own team otherwise. */
function expectTeamNarrowing(caller: Caller, status: number, body: unknown, world: World): void {
  if (!succeeded(status)) return;
  const team = tokenTeam(caller);
  const expected = team === null ? null : { A: world.teamA.slug, B: world.teamB.slug }[team];
  expect((body as { team: { slug: string } | null }).team?.slug ?? null).toBe(expected);
}

/** A list by team: users and admin tokens see both teams' entries, a team token its own team's only. */
function expectTeamsListed(caller: Caller, status: number, slugs: string[], world: World): void {
  if (!succeeded(status)) return;
  const team = tokenTeam(caller);
  const expected = team === null ? [world.teamA.slug, world.teamB.slug] : [{ A: world.teamA.slug, B: world.teamB.slug }[team]];
  expect([...slugs].sort()).toEqual(expected.sort());
}

/** The audit log holds exactly one event of `action` after a success, and none after a refusal. */
async function expectAudit(status: number, action: string, targetId?: string): Promise<void> {
  const events = await getDb().auditEvent.findMany({ where: { action } });
  expect(events).toHaveLength(succeeded(status) ? 1 : 0);
  if (succeeded(status) && targetId !== undefined) expect(events[0]?.targetId).toBe(targetId);
}

const LCOV = "SF:src/domain/order.ts\nDA:1,1\nDA:2,0\nend_of_record\n";

export const rows: RouteCase[] = [
  {
    route: "health",
    method: "GET",
    handler: health,
    request: () => ({}),
    allowed: "public",
    mutates: false,
    check: (_caller, _status, body) => {
      // Public: statuses and plain figures only, nothing about users, tokens, repositories or connection strings.
      expect(Object.keys(body as object).sort()).toEqual(["checks", "status"]);
      expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|@heimdall\.test|hmd_|repo-a|team-a/i);
    },
  },

  // ---- organisation-wide views and lists: every signed-in reader; a team token sees its own team.
  {
    route: "overview",
    method: "GET",
    handler: overview,
    request: () => ({ url: `${API}/overview?range=12w` }),
    allowed: ANY_READER,
    mutates: false,
    check: expectTeamNarrowing,
  },
  {
    route: "overview",
    method: "GET",
    name: "?team= team A",
    handler: overview,
    request: (world) => ({ url: `${API}/overview?team=${world.teamA.slug}` }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "rules",
    method: "GET",
    handler: rules,
    request: () => ({ url: `${API}/rules?range=12w` }),
    allowed: ANY_READER,
    mutates: false,
    check: expectTeamNarrowing,
  },
  {
    route: "rules",
    method: "GET",
    name: "?team= team B",
    handler: rules,
    request: (world) => ({ url: `${API}/rules?team=${world.teamB.slug}` }),
    allowed: SCORES_B,
    mutates: false,
  },
  {
    route: "teams",
    method: "GET",
    handler: listTeams,
    request: () => ({ url: `${API}/teams` }),
    allowed: ANY_READER,
    mutates: false,
    check: (caller, status, body, world) => expectTeamsListed(caller, status, succeeded(status) ? (body as Array<{ slug: string }>).map((team) => team.slug) : [], world),
  },
  {
    route: "teams",
    method: "POST",
    handler: createTeam,
    request: () => ({ url: `${API}/teams`, body: { name: "Team C" } }),
    allowed: ADMINS,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status) => {
      expect(await getDb().team.count({ where: { slug: "team-c" } })).toBe(succeeded(status) ? 1 : 0);
      await expectAudit(status, "team.create", "team-c");
    },
  },
  {
    route: "teams/[slug]/overview",
    method: "GET",
    handler: teamOverview,
    request: (world) => ({ url: `${API}/teams/${world.teamA.slug}/overview`, params: { slug: world.teamA.slug } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "dead-letters",
    method: "GET",
    handler: listDeadLetters,
    request: () => ({ url: `${API}/dead-letters` }),
    allowed: ANY_READER,
    mutates: false,
    check: (caller, status, body, world) => {
      if (!succeeded(status)) return;
      const ids = (body as Array<{ id: string }>).map((scan) => scan.id);
      expect(ids).toEqual(tokenTeam(caller) === "B" ? [] : [world.failedScanA.id]);
    },
  },
  {
    route: "dead-letters",
    method: "GET",
    name: "?repository= a repository of team A",
    handler: listDeadLetters,
    request: (world) => ({ url: `${API}/dead-letters?repository=${world.repoA.id}` }),
    allowed: SCORES_A,
    mutates: false,
  },

  // ---- repositories
  {
    route: "repositories",
    method: "GET",
    handler: listRepositories,
    request: () => ({ url: `${API}/repositories` }),
    allowed: ANY_READER,
    mutates: false,
    check: (caller, status, body, world) => {
      expectTeamsListed(caller, status, succeeded(status) ? (body as Array<{ team: { slug: string } }>).map((repository) => repository.team.slug) : [], world);
      if (succeeded(status)) expect((body as Array<{ public: boolean }>).map((repository) => repository.public)).not.toContain(true);
    },
  },
  {
    route: "repositories",
    method: "GET",
    name: "?team= team A",
    handler: listRepositories,
    request: (world) => ({ url: `${API}/repositories?team=${world.teamA.slug}` }),
    allowed: SCORES_A,
    mutates: false,
    check: (_caller, status, body, world) => {
      if (succeeded(status)) expect((body as Array<{ id: string }>).map((repository) => repository.id)).toEqual([world.repoA.id]);
    },
  },
  {
    route: "repositories",
    method: "POST",
    name: "into team A",
    handler: registerRepository,
    request: (world) => ({ url: `${API}/repositories`, body: { url: world.unregisteredRepoPath, team: "Team A", schedule: null } }),
    allowed: MANAGE_A,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status, body, world) => {
      if (succeeded(status)) expect(body).toMatchObject({ url: world.unregisteredRepoPath, team: { slug: world.teamA.slug }, public: false });
      await expectAudit(status, "repository.register");
    },
  },
  {
    route: "repositories",
    method: "POST",
    name: "into a team that does not exist yet",
    handler: registerRepository,
    request: (world) => ({ url: `${API}/repositories`, body: { url: world.unregisteredRepoPath, team: "Brand New Team", schedule: null } }),
    allowed: ADMINS,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status) => {
      expect(await getDb().team.count({ where: { slug: "brand-new-team" } })).toBe(succeeded(status) ? 1 : 0);
      await expectAudit(status, "repository.register");
    },
  },
  {
    route: "repositories",
    method: "POST",
    name: "without a team: a lead's own team, else Default",
    handler: registerRepository,
    request: (world) => ({ url: `${API}/repositories`, body: { url: world.unregisteredRepoPath, schedule: null } }),
    allowed: ["leadA", "leadB", "admin", "adminToken"],
    successStatus: 201,
    mutates: true,
    check: (caller, status, body, world) => {
      if (!succeeded(status)) return;
      const expected = { leadA: world.teamA.slug, leadB: world.teamB.slug }[caller as "leadA" | "leadB"] ?? "default";
      expect((body as { team: { slug: string } }).team.slug).toBe(expected);
    },
  },
  {
    route: "repositories/[id]",
    method: "GET",
    handler: getRepository,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "repositories/[id]",
    method: "PATCH",
    handler: updateRepository,
    request: (world) => ({ params: { id: world.repoA.id }, body: { public: true, schedule: "0 3 * * *" } }),
    allowed: MANAGE_A,
    mutates: true,
    check: async (_caller, status, body, world) => {
      if (succeeded(status)) expect(body).toMatchObject({ id: world.repoA.id, public: true, schedule: "0 3 * * *" });
      await expectAudit(status, "repository.update", world.repoA.id);
      if (succeeded(status)) {
        const [event] = await getDb().auditEvent.findMany({ where: { action: "repository.update" } });
        expect(event?.details).toEqual({ public: { from: false, to: true }, schedule: { from: null, to: "0 3 * * *" } });
      }
    },
  },
  {
    route: "repositories/[id]",
    method: "DELETE",
    handler: deleteRepository,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: MANAGE_A,
    successStatus: 204,
    mutates: true,
    check: async (_caller, status, _body, world) => {
      const gone = succeeded(status);
      expect(await getDb().repository.count({ where: { id: world.repoA.id } })).toBe(gone ? 0 : 1);
      expect(await getDb().finding.count({ where: { scanId: world.scanA.id } })).toBe(gone ? 0 : 2);
      await expectAudit(status, "repository.delete", world.repoA.id);
    },
  },
  {
    route: "repositories/[id]/backfills",
    method: "GET",
    handler: listBackfills,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "repositories/[id]/backfills",
    method: "POST",
    handler: requestBackfill,
    request: (world) => ({ params: { id: world.repoA.id }, body: { intervalDays: 7 } }),
    allowed: MANAGE_A,
    successStatus: 202,
    mutates: true,
    check: async (_caller, status, _body, world) => expectAudit(status, "backfill.request", world.repoA.id),
  },
  {
    route: "repositories/[id]/coverage",
    method: "POST",
    handler: uploadCoverage,
    request: (world) => ({
      url: `${API}/repositories/${world.repoA.id}/coverage?commit=${world.scanA.commitSha}`,
      params: { id: world.repoA.id },
      rawBody: LCOV,
      headers: { "content-type": "text/plain" },
    }),
    allowed: COVERAGE_A,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status, _body, world) => {
      expect(await getDb().coverageReport.count({ where: { repositoryId: world.repoA.id } })).toBe(succeeded(status) ? 1 : 0);
    },
  },
  {
    route: "repositories/[id]/findings",
    method: "GET",
    handler: listFindings,
    request: (world) => ({ url: `${API}/repositories/${world.repoA.id}/findings`, params: { id: world.repoA.id } }),
    allowed: FINDINGS_A,
    mutates: false,
    check: (_caller, status, body) => {
      if (succeeded(status)) expect((body as { total: number }).total).toBe(2);
    },
  },
  {
    route: "repositories/[id]/findings",
    method: "GET",
    name: "of team B's repository",
    handler: listFindings,
    request: (world) => ({ url: `${API}/repositories/${world.repoB.id}/findings`, params: { id: world.repoB.id } }),
    allowed: FINDINGS_B,
    mutates: false,
  },
  {
    route: "repositories/[id]/history",
    method: "GET",
    handler: history,
    request: (world) => ({ url: `${API}/repositories/${world.repoA.id}/history`, params: { id: world.repoA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "repositories/[id]/scans",
    method: "GET",
    handler: listScans,
    request: (world) => ({ url: `${API}/repositories/${world.repoA.id}/scans`, params: { id: world.repoA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "repositories/[id]/scans",
    method: "POST",
    handler: requestScan,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: TRIGGER_A,
    successStatus: 202,
    mutates: true,
    check: async (_caller, status, _body, world) => {
      expect(await getDb().scan.count({ where: { repositoryId: world.repoA.id, status: "queued" } })).toBe(succeeded(status) ? 1 : 0);
      // A plain scan request is no administrative action.
      expect(await getDb().auditEvent.count()).toBe(0);
    },
  },
  {
    route: "repositories/[id]/snapshots",
    method: "GET",
    handler: listSnapshots,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },

  // ---- scans, backfills and findings by id
  {
    route: "scans/[id]",
    method: "GET",
    handler: getScan,
    request: (world) => ({ params: { id: world.scanA.id } }),
    allowed: SCORES_A,
    mutates: false,
    check: (_caller, status, body) => {
      // Rule results and counts only: the findings themselves are findings:read (the table checks every body for snippets).
      if (succeeded(status)) expect(body).toMatchObject({ findingCount: 2, status: "succeeded" });
    },
  },
  {
    route: "scans/[id]/live",
    method: "GET",
    handler: liveScan,
    request: (world) => ({ params: { id: world.scanA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "scans/[id]/retry",
    method: "POST",
    handler: retryScan,
    request: (world) => ({ params: { id: world.failedScanA.id } }),
    allowed: TRIGGER_A,
    successStatus: 202,
    mutates: true,
    check: async (_caller, status, _body, world) => expectAudit(status, "scan.retry", world.failedScanA.id),
  },
  {
    route: "backfills/[id]",
    method: "GET",
    handler: getBackfill,
    request: (world) => ({ params: { id: world.backfillA.id } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "findings/[id]",
    method: "GET",
    handler: getFinding,
    request: (world) => ({ params: { id: world.findingA.id } }),
    allowed: FINDINGS_A,
    mutates: false,
  },
];
