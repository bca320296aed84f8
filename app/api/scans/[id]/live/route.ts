import { authorizeScan } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { getScanLiveStatus, scanIdParam } from "../../../../_server/services/scan-live-status";

export const dynamic = "force-dynamic";

/**
 * A scan with its place in the queue or its analysis progress, for the scan page's polling; 400 malformed id, 404
 * unknown. scores:read.
 */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeScan(actor, "scores:read", scanIdParam.parse(id));
  return Response.json(await getScanLiveStatus(id));
});
