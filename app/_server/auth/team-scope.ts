import { getDb } from "../db";
import { AppError } from "../errors";
import { slugify } from "../services/teams";
import { authorize, forbidden } from "./authenticate";
import type { Actor, Permission } from "../../_lib/permissions";
import { can } from "../../_lib/permissions";

/**
 * What an organisation-wide list or view may show an actor (docs/adr/0014-access-control.md: lists show what the
 * caller may see rather than failing): `null` — every team; a team id — that team only (a team API token, which never
 * reads across teams). 403 when the actor may not read `permission` anywhere (a coverage-only token).
 */
export function listScope(actor: Actor, permission: Permission): string | null {
  if (can(actor, permission, null)) return null;
  const ownTeam = actor.kind === "cli" ? null : actor.teamId;
  if (ownTeam !== null && can(actor, permission, ownTeam)) return ownTeam;
  throw forbidden(actor, permission);
}

/**
 * The `team` filter of a slug-filtered view (`?team=slug`) as the actor may ask it: unchanged for actors who read the
 * whole organisation; for an actor limited to one team, that team's slug — set when absent, and a 403 when another
 * team (or one that does not exist) is named.
 */
export async function scopeTeamFilter(actor: Actor, permission: Permission, requested: string | null): Promise<string | null> {
  const scope = listScope(actor, permission);
  if (scope === null) return requested;
  const team = await getDb().team.findUniqueOrThrow({ where: { id: scope }, select: { slug: true } });
  if (requested !== null && requested !== team.slug) throw forbidden(actor, permission);
  return team.slug;
}

/**
 * Authorizes registering a repository in the team named `name` (teams are named at registration and created on first
 * use): `repositories:manage` on it when it exists, `teams:manage` (an admin) when it would be created. Returns whether
 * the team exists already.
 */
export async function authorizeRegistrationTeam(actor: Actor, name: string): Promise<{ exists: boolean }> {
  const slug = slugify(name);
  if (!slug) throw new AppError("invalid_request", "team must contain at least one letter or digit.");
  const team = await getDb().team.findUnique({ where: { slug }, select: { id: true } });
  if (team) authorize(actor, "repositories:manage", team.id);
  else authorize(actor, "teams:manage", null);
  return { exists: team !== null };
}

/** The name of the actor's own team (a lead, member or team token), or null (admins, viewers of the organisation, the CLI). */
export async function ownTeamName(actor: Actor): Promise<string | null> {
  if (actor.kind === "cli" || actor.teamId === null) return null;
  const team = await getDb().team.findUnique({ where: { id: actor.teamId }, select: { name: true } });
  return team?.name ?? null;
}

/** A dashboard query (`?team=slug&…`) with its `team` narrowed by `scopeTeamFilter`. */
export async function scopeTeamQuery(actor: Actor, permission: Permission, query: URLSearchParams): Promise<URLSearchParams> {
  const requested = query.get("team")?.trim() || null;
  const team = await scopeTeamFilter(actor, permission, requested);
  const scoped = new URLSearchParams(query);
  if (team !== null) scoped.set("team", team);
  return scoped;
}
