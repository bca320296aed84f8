/**
 * Who may do what (docs/adr/0014-access-control.md). Pure: no database, no request, so the whole table is unit-tested.
 *
 * A permission is checked against a team: the team that owns the repository, scan or finding asked about, or `null`
 * for organisation-wide resources (the overview, the rule catalogue, users, the audit log).
 */
export const ROLES = ["admin", "lead", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Scores, grades, trends, rule results, scan status: no code. */
  "scores:read",
  /** Findings with file paths, messages and code snippets; SARIF and CSV exports of them. */
  "findings:read",
  /** Register, change (schedule, access token, public badge) and delete repositories; request backfills. */
  "repositories:manage",
  /** Request a scan, run a dead-lettered scan again. */
  "scans:trigger",
  /** Upload coverage reports for a commit. */
  "coverage:upload",
  /** Ask for a commit's quality-gate verdict. */
  "gate:read",
  /** Change the team's quality gate. */
  "gates:manage",
  /** Create and revoke the team's API tokens. */
  "tokens:manage",
  /** Add and remove the team's webhooks. */
  "webhooks:manage",
  /** Create teams. */
  "teams:manage",
  /** Create users, change their role and team, disable them. */
  "users:manage",
  /** Read the audit log. */
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What CI tokens may be scoped to, and the permissions each scope grants inside the token's team. */
export const TOKEN_SCOPES = {
  read: ["scores:read", "findings:read"],
  scan: ["scans:trigger", "scores:read"],
  coverage: ["coverage:upload"],
  gate: ["gate:read", "scores:read"],
} as const satisfies Record<string, readonly Permission[]>;
export type TokenScope = keyof typeof TOKEN_SCOPES;
export const TOKEN_SCOPE_NAMES = Object.keys(TOKEN_SCOPES) as TokenScope[];

/** Permissions every signed-in user has for every team: the organisation's scores are no secret inside it. */
const EVERY_TEAM: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: ["scores:read", "gate:read"],
  member: ["scores:read", "gate:read"],
  viewer: ["scores:read", "gate:read"],
};

/** Permissions a user has for their own team only. */
const OWN_TEAM: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: ["scores:read", "gate:read", "findings:read", "repositories:manage", "scans:trigger", "coverage:upload", "gates:manage", "tokens:manage", "webhooks:manage"],
  member: ["scores:read", "gate:read", "findings:read"],
  viewer: ["scores:read", "gate:read"],
};

export type Actor =
  | { kind: "user"; id: string; email: string; role: Role; teamId: string | null; sessionId: string }
  | { kind: "token"; id: string; name: string; admin: boolean; teamId: string | null; scopes: TokenScope[] }
  /** `npm run admin`, run by whoever has shell access to the server: the operator. */
  | { kind: "cli" };

/**
 * Whether `actor` may do `permission` on a resource of team `teamId` (`null`: an organisation-wide resource).
 * Team tokens act inside their team only; admin tokens and the CLI act like an admin.
 */
export function can(actor: Actor, permission: Permission, teamId: string | null): boolean {
  if (actor.kind === "cli") return true;
  if (actor.kind === "token") {
    if (actor.admin) return true;
    if (teamId === null || teamId !== actor.teamId) return false;
    return actor.scopes.some((scope) => (TOKEN_SCOPES[scope] as readonly Permission[]).includes(permission));
  }
  if (EVERY_TEAM[actor.role].includes(permission)) return true;
  return teamId !== null && teamId === actor.teamId && OWN_TEAM[actor.role].includes(permission);
}

/** How the actor is named in logs and the audit log: never a secret. */
export function actorRef(actor: Actor): { actor: string; actorLabel: string } {
  if (actor.kind === "cli") return { actor: "cli", actorLabel: "npm run admin" };
  if (actor.kind === "token") return { actor: `token:${actor.id}`, actorLabel: actor.name };
  return { actor: `user:${actor.id}`, actorLabel: actor.email };
}
