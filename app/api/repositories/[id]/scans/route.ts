import { handleWithId } from "../../../../_server/http";
import { requestScan } from "../../../../_server/services/scans";

export const dynamic = "force-dynamic";

/** Enqueues a scan; 202 because a worker does the work. */
export const POST = handleWithId(async (id) => {
  const scan = await requestScan(id);
  return Response.json(scan, { status: 202, headers: { location: `/api/scans/${scan.id}` } });
});
