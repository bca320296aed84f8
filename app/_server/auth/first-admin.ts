import { getDb, type Prisma } from "../db";
import type { Env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { hashPassword, verifyPassword } from "./passwords";
import { randomSecret, sha256 } from "./secrets";
import { deleteUserSessions } from "./sessions";

const log = logger.child({ component: "first-admin" });

/** A setup link works for a day: long enough to open it after a deployment, short enough that an old log is harmless. */
export const SETUP_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;

type Db = Prisma.TransactionClient;

/** What `ensureFirstAdmin` did at start. */
export type FirstAdminOutcome =
  | { kind: "created" | "reset" | "unchanged"; email: string }
  | { kind: "admin-exists" }
  | { kind: "setup-link"; url: string; expiresAt: Date };

/**
 * Makes sure someone can administer Heimdall, at every start after migrations (docs/adr/0014-access-control.md):
 * with HEIMDALL_ADMIN_EMAIL and HEIMDALL_ADMIN_PASSWORD, that user exists as an active admin with that password
 * (created, or reset when its password, role or state differ, which ends its sessions); without them and without an
 * active admin, a one-time setup link valid for 24 hours is logged — the only time it is shown.
 */
export async function ensureFirstAdmin(env: Env): Promise<FirstAdminOutcome> {
  if (env.HEIMDALL_ADMIN_EMAIL && env.HEIMDALL_ADMIN_PASSWORD) return configureAdmin(env.HEIMDALL_ADMIN_EMAIL, env.HEIMDALL_ADMIN_PASSWORD);
  if (await activeAdminExists(getDb())) return { kind: "admin-exists" };
  const { token, expiresAt } = await issueSetupToken();
  const url = `${env.HEIMDALL_PUBLIC_URL ?? `http://localhost:${env.PORT}`}/setup?token=${token}`;
  log.warn({ setupUrl: url, expiresAt }, `No admin exists yet: open ${url} within 24 hours to create one (or set HEIMDALL_ADMIN_EMAIL and HEIMDALL_ADMIN_PASSWORD)`);
  return { kind: "setup-link", url, expiresAt };
}

async function configureAdmin(email: string, password: string): Promise<FirstAdminOutcome> {
  const db = getDb();
  const existing = await db.user.findUnique({ where: { email } });
  if (!existing) {
    const user = await db.user.create({ data: { email, role: "admin", passwordHash: await hashPassword(password) } });
    await discardSetupTokens(db);
    await recordStartAudit("admin.setup", user.id, { email, via: "HEIMDALL_ADMIN_EMAIL" });
    log.info({ email }, "created the admin named by HEIMDALL_ADMIN_EMAIL");
    return { kind: "created", email };
  }
  const passwordMatches = existing.passwordHash !== null && (await verifyPassword(existing.passwordHash, password));
  if (passwordMatches && existing.role === "admin" && existing.teamId === null && existing.disabledAt === null) {
    log.debug({ email }, "the admin named by HEIMDALL_ADMIN_EMAIL is in place");
    return { kind: "unchanged", email };
  }
  await db.user.update({
    where: { id: existing.id },
    data: { role: "admin", teamId: null, disabledAt: null, ...(passwordMatches ? {} : { passwordHash: await hashPassword(password) }) },
  });
  await deleteUserSessions(existing.id);
  await discardSetupTokens(db);
  const changes = { ...(passwordMatches ? {} : { password: "changed" }), ...(existing.role === "admin" ? {} : { role: { from: existing.role, to: "admin" } }), ...(existing.disabledAt ? { disabled: { from: true, to: false } } : {}) };
  await recordStartAudit("user.update", existing.id, { email, via: "HEIMDALL_ADMIN_EMAIL", changes });
  log.warn({ email, changes: Object.keys(changes) }, "reset the user named by HEIMDALL_ADMIN_EMAIL to an active admin with the configured password; their sessions ended");
  return { kind: "reset", email };
}

/** Whether any admin can sign in (or is at least not disabled). */
export async function activeAdminExists(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { role: "admin", disabledAt: null } })) > 0;
}

/** A new setup link's secret; earlier unused links stop working, so only the one printed last is valid. */
export async function issueSetupToken(now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomSecret();
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_LIFETIME_MS);
  await getDb().$transaction(async (tx) => {
    await discardSetupTokens(tx);
    await tx.setupToken.create({ data: { tokenHash: sha256(token), expiresAt } });
  });
  return { token, expiresAt };
}

/** Throws 410 `gone`, saying why, unless the setup token is known, unused and unexpired. */
export async function findUsableSetupToken(token: string, db: Db = getDb()): Promise<void> {
  const row = await db.setupToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row) throw new AppError("gone", "This setup link is not valid: it was mistyped or replaced by a newer one. Use the link printed last by `npm start`.");
  if (row.usedAt) throw new AppError("gone", "This setup link was used already; sign in instead.");
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError("gone", "This setup link expired 24 hours after it was printed; restart Heimdall to print a new one.");
}

/** Marks the setup token used inside the caller's transaction; 410 when another request spent it first. */
export async function claimSetupToken(db: Db, token: string): Promise<void> {
  const claimed = await db.setupToken.updateMany({ where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  if (claimed.count === 1) return;
  await findUsableSetupToken(token, db);
  // Usable a moment ago, spent now: a concurrent submission won.
  throw new AppError("gone", "This setup link was used already; sign in instead.");
}

async function discardSetupTokens(db: Db): Promise<void> {
  await db.setupToken.deleteMany({ where: { usedAt: null } });
}

/** Start-up is neither a user, a token nor `npm run admin`: its audit events name the variable that caused them. */
async function recordStartAudit(action: string, userId: string, details: Record<string, unknown>): Promise<void> {
  await getDb().auditEvent.create({ data: { actor: "start", actorLabel: "npm start (HEIMDALL_ADMIN_EMAIL)", action, targetType: "user", targetId: userId, details: details as object } });
}
