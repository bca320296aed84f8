import { getDb } from "../db";
import { notFound } from "../errors";
import { authorize } from "./authenticate";
import type { Actor, Permission } from "../../_lib/permissions";

/**
 * Authorization of one resource: finds the team that owns it (404 when it does not exist) and checks the actor's
 * permission there (403). Returns the team id for handlers that need it.
 */
export async function authorizeRepository(actor: Actor, permission: Permission, repositoryId: string): Promise<string> {
  const repository = await getDb().repository.findUnique({ where: { id: repositoryId }, select: { teamId: true } });
  if (!repository) throw notFound("Repository", repositoryId);
  authorize(actor, permission, repository.teamId);
  return repository.teamId;
}

export async function authorizeScan(actor: Actor, permission: Permission, scanId: string): Promise<string> {
  const scan = await getDb().scan.findUnique({ where: { id: scanId }, select: { repository: { select: { teamId: true } } } });
  if (!scan) throw notFound("Scan", scanId);
  authorize(actor, permission, scan.repository.teamId);
  return scan.repository.teamId;
}

export async function authorizeBackfill(actor: Actor, permission: Permission, backfillId: string): Promise<string> {
  const backfill = await getDb().backfill.findUnique({ where: { id: backfillId }, select: { repository: { select: { teamId: true } } } });
  if (!backfill) throw notFound("Backfill", backfillId);
  authorize(actor, permission, backfill.repository.teamId);
  return backfill.repository.teamId;
}

export async function authorizeFinding(actor: Actor, permission: Permission, findingId: string): Promise<string> {
  const finding = await getDb().finding.findUnique({ where: { id: findingId }, select: { scan: { select: { repository: { select: { teamId: true } } } } } });
  if (!finding) throw notFound("Finding", findingId);
  authorize(actor, permission, finding.scan.repository.teamId);
  return finding.scan.repository.teamId;
}

/** By slug, as team routes name teams. */
export async function authorizeTeamSlug(actor: Actor, permission: Permission, slug: string): Promise<string> {
  const team = await getDb().team.findUnique({ where: { slug }, select: { id: true } });
  if (!team) throw notFound("Team", slug);
  authorize(actor, permission, team.id);
  return team.id;
}
