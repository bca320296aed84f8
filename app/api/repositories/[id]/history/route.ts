import { handleWithId } from "../../../../_server/http";
import { getRepositoryHistory } from "../../../../_server/services/dashboard/repository-history";

export const dynamic = "force-dynamic";

/** Score history over a period and one snapshot's rule results by guide section (`snapshot=`, else the latest). */
export const GET = handleWithId(async (id, request) => Response.json(await getRepositoryHistory(id, new URL(request.url).searchParams)));
