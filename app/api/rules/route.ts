import { handle } from "../../_server/http";
import { getRules } from "../../_server/services/dashboard/rules";

export const dynamic = "force-dynamic";

/** The rule catalogue with org-wide (or `team=`) compliance per rule over a period. */
export const GET = handle(async (request: Request) => Response.json(await getRules(new URL(request.url).searchParams)));
