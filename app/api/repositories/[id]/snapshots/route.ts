import { authorizeRepository } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { listSnapshots } from "../../../../_server/services/scans";

export const dynamic = "force-dynamic";

/** The repository's stored snapshots in commit order. scores:read. */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeRepository(actor, "scores:read", id);
  return Response.json(await listSnapshots(id));
});
