import { handleWithId } from "../../../../_server/http";
import { retryScan } from "../../../../_server/services/scans";

export const dynamic = "force-dynamic";

/** Runs a failed scan again as a new scan of the branch; 202 with the new (or already queued) scan. */
export const POST = handleWithId(async (id) => {
  const scan = await retryScan(id);
  return Response.json(scan, { status: 202, headers: { location: `/api/scans/${scan.id}` } });
});
