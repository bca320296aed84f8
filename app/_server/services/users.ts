import { z } from "zod";
import type { UserDto } from "../../_lib/dto";
import { ROLES, type Actor, type Role } from "../../_lib/permissions";
import { recordAudit } from "../auth/audit";
import { authorize } from "../auth/authenticate";
import { hashPassword, passwordInput } from "../auth/passwords";
import { deleteUserSessions } from "../auth/sessions";
import { getDb, type Prisma } from "../db";
import { AppError, notFound } from "../errors";

/** Emails are compared lower-cased: one person, one account, however they type it. */
export const emailInput = z
  .string({ error: "email is required." })
  .trim()
  .toLowerCase()
  .max(254, "email must be at most 254 characters.")
  .pipe(z.email("email must be an email address."));

const teamSlugInput = z.string({ error: "team must be a team slug." }).trim().min(1, "team must be a team slug.").max(60);
const nameInput = z.string({ error: "name must be text." }).trim().max(100, "name must be at most 100 characters.");
const roleInput = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}.` });

const createUserInput = z.object({ email: emailInput, name: nameInput.optional(), role: roleInput, team: teamSlugInput.optional(), password: passwordInput });

const updateUserInput = z
  .strictObject(
    { role: roleInput.optional(), team: teamSlugInput.nullable().optional(), name: nameInput.nullable().optional(), disabled: z.boolean().optional(), password: passwordInput.optional() },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `only role, team, name, disabled and password can be changed, not ${issue.keys.join(", ")}.` : undefined) },
  )
  .refine((input) => Object.values(input).some((value) => value !== undefined), "give at least one of role, team, name, disabled, password.");

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  createdAt: true,
  disabledAt: true,
  team: { select: { slug: true, name: true } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function toDto(user: UserRow, lastSignInAt: Date | null): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    team: user.team,
    createdAt: user.createdAt.toISOString(),
    disabledAt: user.disabledAt?.toISOString() ?? null,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
  };
}

/** Every user by email, with when their newest live session started (null without one). Admins only. */
export async function listUsers(actor: Actor): Promise<UserDto[]> {
  authorize(actor, "users:manage", null);
  const db = getDb();
  const [users, sessions] = await Promise.all([
    db.user.findMany({ select: userSelect, orderBy: { email: "asc" } }),
    db.session.groupBy({ by: ["userId"], _max: { createdAt: true } }),
  ]);
  const lastSignIn = new Map(sessions.map((session) => [session.userId, session._max.createdAt]));
  return users.map((user) => toDto(user, lastSignIn.get(user.id) ?? null));
}

/** Creates a user with a first password (they can change it at /account); 409 when the email is taken. */
export async function createUser(actor: Actor, raw: unknown, request?: Request): Promise<UserDto> {
  authorize(actor, "users:manage", null);
  const input = createUserInput.parse(raw);
  const db = getDb();
  const team = input.team === undefined ? null : await teamBySlug(input.team);
  assertTeamFitsRole(input.role, team);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw new AppError("conflict", `A user with the email ${input.email} exists already.`);
  const user = await db.user.create({
    data: { email: input.email, name: input.name || null, role: input.role, teamId: team?.id ?? null, passwordHash: await hashPassword(input.password) },
    select: userSelect,
  });
  await recordAudit(actor, { action: "user.create", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role, team: team?.slug ?? null } }, request);
  return toDto(user, null);
}

/**
 * Changes a user's role, team, name, password or state. A change of role, team or password, or disabling, ends the
 * user's sessions (the next request signs in again with the new rights). The last active admin can be neither demoted
 * nor disabled (409): the check and the change run in one transaction that locks the active admins, so two admins
 * demoting each other at once cannot both succeed.
 */
export async function updateUser(actor: Actor, id: string, raw: unknown, request?: Request): Promise<UserDto> {
  authorize(actor, "users:manage", null);
  const input = updateUserInput.parse(raw);
  const db = getDb();
  const existing = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!existing) throw notFound("User", id);
  const role = input.role ?? existing.role;
  const team = await resultingTeam(input.team, role, existing);
  assertTeamFitsRole(role, team);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const disabledAt = input.disabled === undefined ? existing.disabledAt : input.disabled ? (existing.disabledAt ?? new Date()) : null;

  const changes: Record<string, unknown> = {};
  if (role !== existing.role) changes.role = { from: existing.role, to: role };
  if ((team?.id ?? null) !== existing.teamId) changes.team = { from: existing.team?.slug ?? null, to: team?.slug ?? null };
  if (input.name !== undefined && (input.name || null) !== existing.name) changes.name = { from: existing.name, to: input.name || null };
  if ((disabledAt === null) !== (existing.disabledAt === null)) changes.disabled = { from: existing.disabledAt !== null, to: disabledAt !== null };
  if (passwordHash !== undefined) changes.password = "changed";

  const user = await db.$transaction(async (tx) => {
    if (existing.role === "admin" && existing.disabledAt === null && (role !== "admin" || disabledAt !== null)) await assertAnotherActiveAdmin(tx, existing);
    return tx.user.update({
      where: { id },
      data: { role, teamId: team?.id ?? null, disabledAt, ...(input.name === undefined ? {} : { name: input.name || null }), ...(passwordHash === undefined ? {} : { passwordHash }) },
      select: userSelect,
    });
  });
  if (changes.role || changes.team || changes.password || (changes.disabled && disabledAt !== null)) await deleteUserSessions(id);
  if (Object.keys(changes).length > 0) {
    const action = changes.disabled && disabledAt !== null ? "user.disable" : "user.update";
    await recordAudit(actor, { action, targetType: "user", targetId: id, details: { email: existing.email, changes } }, request);
  }
  const session = await db.session.findFirst({ where: { userId: id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  return toDto(user, session?.createdAt ?? null);
}

/** Ends every session of a user but one (after changing their own password, the browser that did it stays signed in). */
export async function endOtherSessions(userId: string, keepSessionId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
}

export interface TeamRef {
  id: string;
  slug: string;
}

/** The team a request body names by slug; 400 when there is none (the body is wrong, not the URL). */
export async function teamBySlug(slug: string): Promise<TeamRef> {
  const team = await getDb().team.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!team) throw new AppError("invalid_request", `team: no team has the slug "${slug}".`);
  return team;
}

/** The team after an update: as given, none for a user becoming admin, else unchanged. */
async function resultingTeam(given: string | null | undefined, role: Role, existing: UserRow): Promise<TeamRef | null> {
  if (given === null) return null;
  if (given !== undefined) return teamBySlug(given);
  if (role === "admin") return null;
  return existing.teamId && existing.team ? { id: existing.teamId, slug: existing.team.slug } : null;
}

/** Leads and members act for one team; admins for all of them; a viewer may belong to a team or to none. */
function assertTeamFitsRole(role: Role, team: TeamRef | null): void {
  if ((role === "lead" || role === "member") && !team) throw new AppError("invalid_request", `team: a ${role} belongs to a team; give its slug.`);
  if (role === "admin" && team) throw new AppError("invalid_request", "team: admins belong to no team (they act for all of them); leave team out.");
}

async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, user: UserRow): Promise<void> {
  // FOR UPDATE: a concurrent demotion waits here, then sees this one's result.
  const admins = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== user.id)) {
    throw new AppError("conflict", `${user.email} is the last active admin; make another user an admin first.`);
  }
}
