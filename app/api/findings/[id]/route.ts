import { handleWithId } from "../../../_server/http";
import { getFindingDetail } from "../../../_server/services/finding-detail";

export const dynamic = "force-dynamic";

/** One finding with its snapshot, guide section, rule and how to fix it; 400 for a malformed id, 404 for an unknown one. */
export const GET = handleWithId(async (id) => Response.json(await getFindingDetail(id)));
