import { z } from "zod";
import type { ApiTokenDto, CreatedApiTokenDto } from "../../_lib/dto";
import { can, TOKEN_SCOPE_NAMES, type Actor, type TokenScope } from "../../_lib/permissions";
import { issueApiToken } from "../auth/api-tokens";
import { recordAudit } from "../auth/audit";
import { authorize, forbidden } from "../auth/authenticate";
import { getDb, type Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { teamBySlug } from "./users";

const scopeInput = z.enum(TOKEN_SCOPE_NAMES as [TokenScope, ...TokenScope[]], { error: `scopes must be among ${TOKEN_SCOPE_NAMES.join(", ")}.` });

const createTokenInput = z.strictObject({
  name: z.string({ error: "name is required." }).trim().min(1, "name is required.").max(80, "name must be at most 80 characters."),
  team: z.string({ error: "team must be a team slug." }).trim().min(1, "team must be a team slug.").max(60).optional(),
  admin: z.boolean({ error: "admin must be true or false." }).default(false),
  scopes: z.array(scopeInput, { error: "scopes must be a list." }).default([]),
});

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  admin: true,
  scopes: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  team: { select: { slug: true, name: true } },
} satisfies Prisma.ApiTokenSelect;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;

/** Admin tokens, every team's tokens and the whole list are for admins (users, admin tokens, the CLI). */
function actsAsAdmin(actor: Actor): boolean {
  return can(actor, "tokens:manage", null);
}

/** The tokens an actor manages: all (admins), one team's (leads); 403 for anyone else, before looking at any input. */
function managedTokens(actor: Actor): "all" | { teamId: string } {
  if (actsAsAdmin(actor)) return "all";
  const teamId = actor.kind === "user" ? actor.teamId : null;
  if (!teamId || !can(actor, "tokens:manage", teamId)) throw forbidden(actor, "tokens:manage");
  return { teamId };
}

/** Tokens newest first, revoked ones included: all of them for admins, their team's team tokens for leads; others 403. */
export async function listTokens(actor: Actor): Promise<ApiTokenDto[]> {
  const managed = managedTokens(actor);
  const where: Prisma.ApiTokenWhereInput = managed === "all" ? {} : { teamId: managed.teamId, admin: false };
  const rows = await getDb().apiToken.findMany({ where, select: tokenSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const creators = await creatorLabels(rows.map((row) => row.createdBy));
  return rows.map((row) => toDto(row, creators));
}

/**
 * Creates a team token (tokens:manage on that team, at least one scope) or an admin token (admins only, no team or
 * scopes). The plain token is returned this once; the database keeps its SHA-256 and the audit log its name and scopes.
 */
export async function createToken(actor: Actor, raw: unknown, request?: Request): Promise<CreatedApiTokenDto> {
  managedTokens(actor);
  const input = createTokenInput.parse(raw);
  const scopes = [...new Set(input.scopes)];
  let teamId: string | null = null;
  if (input.admin) {
    if (!actsAsAdmin(actor)) throw new AppError("forbidden", "Only an admin can create admin tokens.");
    if (input.team !== undefined || scopes.length > 0) throw new AppError("invalid_request", "An admin token acts for every team with every permission: leave team and scopes out.");
  } else {
    if (input.team === undefined) throw new AppError("invalid_request", "team is required: a token acts for one team (or set admin: true for an admin token).");
    teamId = (await teamBySlug(input.team)).id;
    authorize(actor, "tokens:manage", teamId);
    if (scopes.length === 0) throw new AppError("invalid_request", `scopes: give at least one of ${TOKEN_SCOPE_NAMES.join(", ")}.`);
  }
  const issued = await issueApiToken({ name: input.name, teamId, admin: input.admin, scopes, createdBy: creatorOf(actor) });
  const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: issued.id }, select: tokenSelect });
  await recordAudit(actor, { action: "token.create", targetType: "token", targetId: row.id, details: { name: row.name, team: row.team?.slug ?? null, admin: row.admin, scopes, prefix: row.prefix } }, request);
  return { ...toDto(row, await creatorLabels([row.createdBy])), token: issued.token };
}

/** Revokes a token at once (the next request with it is a 401); revoking a revoked token changes nothing. */
export async function revokeToken(actor: Actor, id: string, request?: Request): Promise<void> {
  const db = getDb();
  const token = await db.apiToken.findUnique({ where: { id }, select: { id: true, name: true, admin: true, teamId: true, revokedAt: true, team: { select: { slug: true } } } });
  if (!token) throw notFound("API token", id);
  if (token.admin || token.teamId === null) {
    if (!actsAsAdmin(actor)) throw new AppError("forbidden", "Only an admin can revoke admin tokens.");
  } else {
    authorize(actor, "tokens:manage", token.teamId);
  }
  const revoked = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (revoked.count === 0) return;
  await recordAudit(actor, { action: "token.revoke", targetType: "token", targetId: id, details: { name: token.name, team: token.team?.slug ?? null, admin: token.admin } }, request);
}

/** What `ApiToken.createdBy` holds: the user's id, "cli", or "token:<id>" for an admin token. */
function creatorOf(actor: Actor): string {
  if (actor.kind === "user") return actor.id;
  if (actor.kind === "token") return `token:${actor.id}`;
  return "cli";
}

/** Readable names for `createdBy` values, looked up in two queries for the whole list. */
async function creatorLabels(createdBy: readonly string[]): Promise<Map<string, string>> {
  const tokenIds = createdBy.filter((value) => value.startsWith("token:")).map((value) => value.slice("token:".length));
  const userIds = createdBy.filter((value) => value !== "cli" && !value.startsWith("token:"));
  const db = getDb();
  const [users, tokens] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    tokenIds.length ? db.apiToken.findMany({ where: { id: { in: tokenIds } }, select: { id: true, name: true } }) : [],
  ]);
  const labels = new Map<string, string>([["cli", "npm run admin"]]);
  for (const user of users) labels.set(user.id, user.email);
  for (const token of tokens) labels.set(`token:${token.id}`, `token ${token.name}`);
  return labels;
}

function toDto(row: TokenRow, creators: Map<string, string>): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    team: row.team,
    admin: row.admin,
    scopes: row.scopes.filter((scope): scope is TokenScope => (TOKEN_SCOPE_NAMES as string[]).includes(scope)),
    createdBy: creators.get(row.createdBy) ?? "a deleted user",
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
