import { csvResponse } from "../../_server/csv";
import { handleAuthed } from "../../_server/http";
import { auditCsv, readAuditLog } from "../../_server/services/audit-log";

export const dynamic = "force-dynamic";

/** audit:read (admins): `?action&actor&targetType&before&limit` → AuditPageDto, or with `format=csv` the page as CSV. */
export const GET = handleAuthed(async (actor, request) => {
  const { format, page } = await readAuditLog(actor, new URL(request.url).searchParams);
  if (format === "json") return Response.json(page);
  return csvResponse(auditCsv(page.events), "heimdall-audit.csv", page.nextBefore ? { "x-next-before": page.nextBefore } : {});
});
