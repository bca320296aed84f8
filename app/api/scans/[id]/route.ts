import { handleWithId } from "../../../_server/http";
import { getScan } from "../../../_server/services/scans";

export const dynamic = "force-dynamic";

export const GET = handleWithId(async (id) => Response.json(await getScan(id)));
