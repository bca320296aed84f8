import { authorizeFinding } from "../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../_server/http";
import { findingIdParam, getFindingDetail } from "../../../_server/services/finding-detail";

export const dynamic = "force-dynamic";

/**
 * One finding with its snapshot, guide section, rule and how to fix it; 400 for a malformed id, 404 for an unknown one.
 * findings:read (code: the team's members and leads, admins, team tokens with scope read).
 */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeFinding(actor, "findings:read", findingIdParam.parse(id));
  return Response.json(await getFindingDetail(id));
});
