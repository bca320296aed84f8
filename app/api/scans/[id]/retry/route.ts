import { recordAudit } from "../../../../_server/auth/audit";
import { authorizeScan } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { retryScan } from "../../../../_server/services/scans";

export const dynamic = "force-dynamic";

/** Runs a failed scan again as a new scan of the branch; 202 with the new (or already queued) scan. scans:trigger. */
export const POST = handleAuthedWithId(async (actor, id, request) => {
  await authorizeScan(actor, "scans:trigger", id);
  const scan = await retryScan(id);
  await recordAudit(actor, { action: "scan.retry", targetType: "scan", targetId: id, details: { repositoryId: scan.repositoryId, scanId: scan.id } }, request);
  return Response.json(scan, { status: 202, headers: { location: `/api/scans/${scan.id}` } });
});
