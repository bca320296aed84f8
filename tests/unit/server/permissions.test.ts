// The permission table of docs/adr/0014-access-control.md, cell by cell, written out by hand: the expectations below are
// not derived from app/_lib/permissions.ts, so a change to either shows up here as a failing cell.
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, TOKEN_SCOPE_NAMES, type Actor, type Permission, type Role, type TokenScope } from "@/app/_lib/permissions";

const OWN = "team-own";
const OTHER = "team-other";

/**
 * Each cell is three marks — on a resource of the actor's own team, of another team, organisation-wide (`null`) —
 * "Y" allowed, "." refused.
 */
type Cell = `${"Y" | "."}${"Y" | "."}${"Y" | "."}`;

/** Users: a lead, member or viewer belongs to team OWN (admins to none). */
const USER_TABLE: Record<Permission, Record<Role, Cell>> = {
  "scores:read": /*         */ { admin: "YYY", lead: "YYY", member: "YYY", viewer: "YYY" },
  "gate:read": /*           */ { admin: "YYY", lead: "YYY", member: "YYY", viewer: "YYY" },
  "findings:read": /*       */ { admin: "YYY", lead: "Y..", member: "Y..", viewer: "..." },
  "repositories:manage": /* */ { admin: "YYY", lead: "Y..", member: "...", viewer: "..." },
  "scans:trigger": /*       */ { admin: "YYY", lead: "Y..", member: "...", viewer: "..." },
  "coverage:upload": /*     */ { admin: "YYY", lead: "Y..", member: "...", viewer: "..." },
  "gates:manage": /*        */ { admin: "YYY", lead: "Y..", member: "...", viewer: "..." },
  "tokens:manage": /*       */ { admin: "YYY", lead: "Y..", member: "...", viewer: "..." },
  "webhooks:manage": /*     */ { admin: "YYY", lead: "Y..", member: "...", viewer: "..." },
  "teams:manage": /*        */ { admin: "YYY", lead: "...", member: "...", viewer: "..." },
  "users:manage": /*        */ { admin: "YYY", lead: "...", member: "...", viewer: "..." },
  "audit:read": /*          */ { admin: "YYY", lead: "...", member: "...", viewer: "..." },
};

/** Team tokens of team OWN with one scope each; an admin token; `npm run admin` (the CLI). */
const TOKEN_TABLE: Record<Permission, Record<TokenScope | "adminToken" | "cli", Cell>> = {
  "scores:read": /*         */ { read: "Y..", scan: "Y..", coverage: "...", gate: "Y..", adminToken: "YYY", cli: "YYY" },
  "gate:read": /*           */ { read: "...", scan: "...", coverage: "...", gate: "Y..", adminToken: "YYY", cli: "YYY" },
  "findings:read": /*       */ { read: "Y..", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "repositories:manage": /* */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "scans:trigger": /*       */ { read: "...", scan: "Y..", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "coverage:upload": /*     */ { read: "...", scan: "...", coverage: "Y..", gate: "...", adminToken: "YYY", cli: "YYY" },
  "gates:manage": /*        */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "tokens:manage": /*       */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "webhooks:manage": /*     */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "teams:manage": /*        */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "users:manage": /*        */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
  "audit:read": /*          */ { read: "...", scan: "...", coverage: "...", gate: "...", adminToken: "YYY", cli: "YYY" },
};

function user(role: Role, teamId: string | null = role === "admin" ? null : OWN): Actor {
  return { kind: "user", id: `user-${role}`, email: `${role}@heimdall.test`, role, teamId, sessionId: "session" };
}

function token(scopes: TokenScope[], options: { admin?: boolean; teamId?: string | null } = {}): Actor {
  return { kind: "token", id: "token", name: "ci", admin: options.admin ?? false, teamId: options.teamId === undefined ? OWN : options.teamId, scopes };
}

/** What `can` answers for an actor on the three kinds of resource, as a cell. */
function cellOf(actor: Actor, permission: Permission): Cell {
  const mark = (teamId: string | null) => (can(actor, permission, teamId) ? "Y" : ".");
  return `${mark(OWN)}${mark(OTHER)}${mark(null)}` as Cell;
}

describe("permission table (ADR 0014)", () => {
  it("lists every permission and every role, and nothing else", () => {
    expect(Object.keys(USER_TABLE).sort()).toEqual([...PERMISSIONS].sort());
    expect(Object.keys(TOKEN_TABLE).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) {
      expect(Object.keys(USER_TABLE[permission]).sort()).toEqual([...ROLES].sort());
      expect(Object.keys(TOKEN_TABLE[permission]).sort()).toEqual([...TOKEN_SCOPE_NAMES, "adminToken", "cli"].sort());
    }
  });

  describe.each(PERMISSIONS)("%s", (permission) => {
    it.each(ROLES)("for a user with role %s: own team, another team, organisation-wide", (role) => {
      expect(cellOf(user(role), permission)).toBe(USER_TABLE[permission][role]);
    });

    it.each(TOKEN_SCOPE_NAMES)("for a team token with scope %s", (scope) => {
      expect(cellOf(token([scope]), permission)).toBe(TOKEN_TABLE[permission][scope]);
    });

    it("for an admin token and for the CLI", () => {
      expect(cellOf(token([], { admin: true, teamId: null }), permission)).toBe(TOKEN_TABLE[permission].adminToken);
      expect(cellOf({ kind: "cli" }, permission)).toBe(TOKEN_TABLE[permission].cli);
    });
  });

  it("a token with several scopes has the union of their permissions, still in its own team only", () => {
    const all = token(["read", "scan", "coverage", "gate"]);
    const expected: Record<Permission, Cell> = {
      "scores:read": "Y..",
      "gate:read": "Y..",
      "findings:read": "Y..",
      "repositories:manage": "...",
      "scans:trigger": "Y..",
      "coverage:upload": "Y..",
      "gates:manage": "...",
      "tokens:manage": "...",
      "webhooks:manage": "...",
      "teams:manage": "...",
      "users:manage": "...",
      "audit:read": "...",
    };
    for (const permission of PERMISSIONS) expect(cellOf(all, permission), permission).toBe(expected[permission]);
  });

  it("a token without scopes, or a non-admin token without a team, may do nothing", () => {
    for (const permission of PERMISSIONS) {
      expect(cellOf(token([]), permission), permission).toBe("...");
      expect(cellOf(token(["read", "scan", "coverage", "gate"], { teamId: null }), permission), permission).toBe("...");
    }
  });

  it("a viewer or member without a team reads scores everywhere and code nowhere; an admin's team changes nothing", () => {
    expect(cellOf(user("viewer", null), "scores:read")).toBe("YYY");
    expect(cellOf(user("viewer", null), "findings:read")).toBe("...");
    expect(cellOf(user("member", null), "findings:read")).toBe("...");
    expect(cellOf(user("lead", null), "repositories:manage")).toBe("...");
    for (const permission of PERMISSIONS) expect(cellOf(user("admin", OWN), permission), permission).toBe("YYY");
  });
});
