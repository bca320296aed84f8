// Rows of the route × role table for quality gates, the status badge, the SARIF and CSV exports, and webhooks.
// Every resource asked about belongs to team A unless a row's name says otherwise.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { GET as badge } from "@/app/api/repositories/[id]/badge.svg/route";
import { GET as findingsCsv } from "@/app/api/repositories/[id]/findings.csv/route";
import { GET as gateVerdict } from "@/app/api/repositories/[id]/gate/route";
import { GET as sarif } from "@/app/api/scans/[id]/sarif/route";
import { GET as getTeamGate, PUT as putTeamGate } from "@/app/api/teams/[slug]/gate/route";
import { DELETE as deleteWebhook } from "@/app/api/webhooks/[id]/route";
import { GET as listWebhooks, POST as createWebhook } from "@/app/api/webhooks/route";
import { getDb } from "@/app/_server/db";
import { FINDINGS_READERS } from "../world";
import type { Caller, RouteCase } from "./types";

// Creating a webhook seals its secret with HEIMDALL_SECRET_KEY; without one, allowed callers would get a 503.
process.env.HEIMDALL_SECRET_KEY ||= randomBytes(32).toString("base64");

const API = "http://heimdall.test/api";
const USERS = ["viewer", "memberA", "leadA", "memberB", "leadB", "admin"] as const satisfies readonly Caller[];
/** scores:read on team A / B. */
const SCORES_A = [...USERS, "tokenA:read", "tokenA:scan", "tokenA:gate", "adminToken"] as const satisfies readonly Caller[];
const SCORES_B = [...USERS, "tokenB:all", "adminToken"] as const satisfies readonly Caller[];
/** gate:read on team A: every signed-in user, team A's gate-scoped token, admin tokens. */
const GATE_A = [...USERS, "tokenA:gate", "adminToken"] as const satisfies readonly Caller[];
/** gates:manage and webhooks:manage on team A: its lead and admins (no token scope grants them). */
const LEAD_A = ["leadA", "admin", "adminToken"] as const satisfies readonly Caller[];
/** Organisation-wide webhooks: admins only. */
const ADMINS = ["admin", "adminToken"] as const satisfies readonly Caller[];

const succeeded = (status: number) => status >= 200 && status < 300;

async function expectAudited(action: string, status: number): Promise<void> {
  if (!succeeded(status)) return;
  const events = await getDb().auditEvent.findMany({ where: { action } });
  expect(events).toHaveLength(1);
  expect(JSON.stringify(events[0]?.details)).not.toMatch(/hmdwh_/);
}

export const rows: RouteCase[] = [
  {
    route: "teams/[slug]/gate",
    method: "GET",
    handler: getTeamGate,
    request: (world) => ({ params: { slug: world.teamA.slug } }),
    allowed: SCORES_A,
    mutates: false,
  },
  {
    route: "teams/[slug]/gate",
    method: "GET",
    name: "another team",
    handler: getTeamGate,
    request: (world) => ({ params: { slug: world.teamB.slug } }),
    allowed: SCORES_B,
    mutates: false,
  },
  {
    route: "teams/[slug]/gate",
    method: "PUT",
    handler: putTeamGate,
    request: (world) => ({ params: { slug: world.teamA.slug }, body: { minScore: 70, noNewErrors: true, coverageByLayer: { domain: 80 }, scoreDropAlert: 5 } }),
    allowed: LEAD_A,
    mutates: true,
    check: async (_caller, status) => {
      if (!succeeded(status)) return;
      expect(await getDb().qualityGate.findMany()).toMatchObject([{ minScore: 70, scoreDropAlert: 5 }]);
      await expectAudited("gate.update", status);
    },
  },
  {
    route: "repositories/[id]/gate",
    method: "GET",
    handler: gateVerdict,
    request: (world) => ({ params: { id: world.repoA.id }, url: `${API}/repositories/${world.repoA.id}/gate?commit=${world.scanA.commitSha}` }),
    allowed: GATE_A,
    mutates: false,
    check: (_caller, status, body, world) => {
      if (succeeded(status)) expect(body).toMatchObject({ commit: world.scanA.commitSha, scanId: world.scanA.id, status: expect.stringMatching(/^(pass|fail)$/) });
    },
  },
  {
    route: "repositories/[id]/badge.svg",
    method: "GET",
    name: "a repository not marked public: the same 404 for everyone",
    handler: badge,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: "public",
    successStatus: 404,
    mutates: false,
    check: (_caller, _status, body) => {
      expect(String(body)).toContain(">not found</text>");
      expect(String(body)).not.toContain("72.5");
    },
  },
  {
    route: "scans/[id]/sarif",
    method: "GET",
    handler: sarif,
    request: (world) => ({ params: { id: world.scanA.id } }),
    allowed: FINDINGS_READERS.A,
    mutates: false,
    check: (_caller, status, body) => {
      if (succeeded(status)) expect(body).toMatchObject({ version: "2.1.0", runs: [{ results: [{}, {}] }] });
    },
  },
  {
    route: "repositories/[id]/findings.csv",
    method: "GET",
    handler: findingsCsv,
    request: (world) => ({ params: { id: world.repoA.id } }),
    allowed: FINDINGS_READERS.A,
    mutates: false,
    check: (_caller, status, body) => {
      if (succeeded(status)) expect(String(body).split("\r\n").filter(Boolean)).toHaveLength(3);
    },
  },
  {
    route: "webhooks",
    method: "GET",
    name: "?team= the team's",
    handler: listWebhooks,
    request: (world) => ({ url: `${API}/webhooks?team=${world.teamA.slug}` }),
    allowed: LEAD_A,
    mutates: false,
  },
  {
    route: "webhooks",
    method: "GET",
    name: "the organisation's",
    handler: listWebhooks,
    request: () => ({ url: `${API}/webhooks` }),
    allowed: ADMINS,
    mutates: false,
  },
  {
    route: "webhooks",
    method: "POST",
    name: "for the team",
    handler: createWebhook,
    request: (world) => ({ body: { url: "https://hooks.example.com/heimdall", events: ["gate.failed"], team: world.teamA.slug } }),
    allowed: LEAD_A,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status) => expectAudited("webhook.create", status),
  },
  {
    route: "webhooks",
    method: "POST",
    name: "for the organisation",
    handler: createWebhook,
    request: () => ({ body: { url: "https://hooks.example.com/heimdall", events: ["score.dropped"] } }),
    allowed: ADMINS,
    successStatus: 201,
    mutates: true,
    check: async (_caller, status) => expectAudited("webhook.create", status),
  },
  {
    route: "webhooks/[id]",
    method: "DELETE",
    handler: deleteWebhook,
    request: (world) => ({ params: { id: world.webhookA.id } }),
    allowed: LEAD_A,
    successStatus: 204,
    mutates: true,
    check: async (_caller, status, _body, world) => {
      if (!succeeded(status)) return;
      expect(await getDb().webhook.count({ where: { id: world.webhookA.id } })).toBe(0);
      await expectAudited("webhook.delete", status);
    },
  },
];
