import { handleWithId } from "../../../_server/http";
import { getBackfill } from "../../../_server/services/backfill";

export const dynamic = "force-dynamic";

export const GET = handleWithId(async (id) => Response.json(await getBackfill(id)));
