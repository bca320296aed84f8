import { getDb } from "../db";
import type { Actor } from "../../_lib/permissions";
import { actorRef } from "../../_lib/permissions";

export interface AuditEntry {
  /** Dotted verb, e.g. "repository.register", "token.revoke", "user.role". */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** What changed; never a secret (tokens, passwords, webhook secrets and access tokens are left out by the caller). */
  details?: Record<string, unknown>;
}

/** The client address as the nearest proxy reports it, for the audit log and sign-in rate limits. */
export function clientAddress(request: Request | undefined): string | null {
  if (!request) return null;
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
}

/** Appends one event to the audit log (admins read it at /admin/audit and GET /api/audit). */
export async function recordAudit(actor: Actor, entry: AuditEntry, request?: Request): Promise<void> {
  await getDb().auditEvent.create({
    data: {
      ...actorRef(actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: (entry.details ?? {}) as object,
      ip: clientAddress(request),
    },
  });
}
