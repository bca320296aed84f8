import { authorizeRepository } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { gateVerdict } from "../../../../_server/services/gate";

export const dynamic = "force-dynamic";

/**
 * The quality-gate verdict on the snapshot of `?commit=` (full id or a unique prefix of 7+ characters), else on the
 * latest snapshot: `{ status: pass|fail, conditions }`. 404 when the commit has no snapshot, 409 while a scan that
 * may be scanning it runs. gate:read on the repository's team.
 */
export const GET = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "gate:read", id);
  return Response.json(await gateVerdict(id, new URL(request.url).searchParams));
});
