import { authorizeBackfill } from "../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../_server/http";
import { getBackfill } from "../../../_server/services/backfill";

export const dynamic = "force-dynamic";

/** scores:read on the backfill's repository's team. */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeBackfill(actor, "scores:read", id);
  return Response.json(await getBackfill(id));
});
