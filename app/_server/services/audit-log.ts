import { z } from "zod";
import type { AuditEventDto, AuditPageDto } from "../../_lib/dto";
import type { Actor } from "../../_lib/permissions";
import { authorize } from "../auth/authenticate";
import { toCsv, type CsvColumn } from "../csv";
import { getDb, type Prisma } from "../db";

export const MAX_AUDIT_PAGE = 500;

const text = (name: string) => z.string().trim().min(1, `${name} must not be empty.`).max(200).optional();

const auditQuery = z.strictObject(
  {
    /** Exact, or every action of a kind when it ends with a dot ("token." → token.create, token.revoke). */
    action: text("action"),
    /** "user:<id>", "token:<id>", "cli", "start", or the email or token name the event was recorded with. */
    actor: text("actor"),
    targetType: text("targetType"),
    /** Cursor: events older than this id (the previous page's `nextBefore`). */
    before: z.string().regex(/^[1-9]\d{0,18}$/, "before must be an event id from nextBefore.").optional(),
    limit: z.coerce.number({ error: "limit must be a number." }).int("limit must be a whole number.").min(1, "limit must be at least 1.").max(MAX_AUDIT_PAGE, `limit must be at most ${MAX_AUDIT_PAGE}.`).default(100),
    format: z.enum(["json", "csv"], { error: "format must be json or csv." }).default("json"),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter ${issue.keys.join(", ")}: use action, actor, targetType, before, limit or format.` : undefined) },
);

type AuditQuery = z.infer<typeof auditQuery>;

/**
 * One page of the audit log, newest first, for admins (audit:read), from the query string of `GET /api/audit`
 * (400 naming a bad parameter); `format` says whether the caller asked for CSV.
 */
export async function readAuditLog(actor: Actor, searchParams: URLSearchParams): Promise<{ format: AuditQuery["format"]; page: AuditPageDto }> {
  authorize(actor, "audit:read", null);
  const query = auditQuery.parse(Object.fromEntries(searchParams));
  return { format: query.format, page: await auditPage(query) };
}

async function auditPage(query: AuditQuery): Promise<AuditPageDto> {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.action ? { action: query.action.endsWith(".") ? { startsWith: query.action } : query.action } : {}),
    ...(query.actor ? { OR: [{ actor: query.actor }, { actorLabel: query.actor }] } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
  };
  // One more than asked tells whether another page follows.
  const rows = await getDb().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const events = page.map((row): AuditEventDto => ({
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: row.actor,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: (row.details ?? {}) as Record<string, unknown>,
    ip: row.ip,
  }));
  return { events, nextBefore: rows.length > query.limit ? (events.at(-1)?.id ?? null) : null };
}

const AUDIT_COLUMNS: CsvColumn<AuditEventDto>[] = [
  { header: "id", value: (event) => event.id },
  { header: "at", value: (event) => event.at },
  { header: "actor", value: (event) => event.actor },
  { header: "actorLabel", value: (event) => event.actorLabel },
  { header: "action", value: (event) => event.action },
  { header: "targetType", value: (event) => event.targetType },
  { header: "targetId", value: (event) => event.targetId },
  { header: "ip", value: (event) => event.ip },
  { header: "details", value: (event) => event.details },
];

/** A page of the audit log as CSV, the columns of AuditEventDto (details as JSON). */
export function auditCsv(events: readonly AuditEventDto[]): string {
  return toCsv(AUDIT_COLUMNS, events);
}
