import { scopeTeamQuery } from "../../_server/auth/team-scope";
import { handleAuthed } from "../../_server/http";
import { getOverview } from "../../_server/services/dashboard/overview";

export const dynamic = "force-dynamic";

/**
 * The organisation (or `team=`) over a period: `range=12w|26w|52w|104w` or `from`/`to`. scores:read: the whole
 * organisation for signed-in users and admin tokens; a team token gets its own team's view (`team=` another: 403).
 */
export const GET = handleAuthed(async (actor, request: Request) => {
  return Response.json(await getOverview(await scopeTeamQuery(actor, "scores:read", new URL(request.url).searchParams)));
});
