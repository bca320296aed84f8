import { handleWithId } from "../../../../_server/http";
import { listFindings } from "../../../../_server/services/dashboard/findings";

export const dynamic = "force-dynamic";

/** One page of a snapshot's findings: filters, sort, paging, new and fixed since the previous snapshot. */
export const GET = handleWithId(async (id, request) => Response.json(await listFindings(id, new URL(request.url).searchParams)));
