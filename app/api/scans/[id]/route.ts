import { authorizeScan } from "../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../_server/http";
import { getScan } from "../../../_server/services/scans";

export const dynamic = "force-dynamic";

/** A scan with its rule results and finding counts: no findings or code, so scores:read on the repository's team. */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeScan(actor, "scores:read", id);
  return Response.json(await getScan(id));
});
