import { authorizeRepository } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { listFindings } from "../../../../_server/services/dashboard/findings";

export const dynamic = "force-dynamic";

/**
 * One page of a snapshot's findings: filters, sort, paging, new and fixed since the previous snapshot. findings:read
 * (code: the team's members and leads, admins, team tokens with scope read).
 */
export const GET = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "findings:read", id);
  return Response.json(await listFindings(id, new URL(request.url).searchParams));
});
