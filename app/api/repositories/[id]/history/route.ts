import { authorizeRepository } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { getRepositoryHistory } from "../../../../_server/services/dashboard/repository-history";

export const dynamic = "force-dynamic";

/** Score history over a period and one snapshot's rule results by guide section (`snapshot=`, else the latest). scores:read. */
export const GET = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "scores:read", id);
  return Response.json(await getRepositoryHistory(id, new URL(request.url).searchParams));
});
