import { handle } from "../../_server/http";
import { getOverview } from "../../_server/services/dashboard/overview";

export const dynamic = "force-dynamic";

/** The organisation (or `team=`) over a period: `range=12w|26w|52w|104w` or `from`/`to`. */
export const GET = handle(async (request: Request) => Response.json(await getOverview(new URL(request.url).searchParams)));
