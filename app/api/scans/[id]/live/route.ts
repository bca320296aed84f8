import { handleWithId } from "../../../../_server/http";
import { getScanLiveStatus } from "../../../../_server/services/scan-live-status";

export const dynamic = "force-dynamic";

/** A scan with its place in the queue or its analysis progress, for the scan page's polling; 400 malformed id, 404 unknown. */
export const GET = handleWithId(async (id) => Response.json(await getScanLiveStatus(id)));
