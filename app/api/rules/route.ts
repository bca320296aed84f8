import { scopeTeamQuery } from "../../_server/auth/team-scope";
import { handleAuthed } from "../../_server/http";
import { getRules } from "../../_server/services/dashboard/rules";

export const dynamic = "force-dynamic";

/**
 * The rule catalogue with org-wide (or `team=`) compliance per rule over a period. scores:read, narrowed to its own
 * team for a team token (`team=` another: 403).
 */
export const GET = handleAuthed(async (actor, request: Request) => {
  return Response.json(await getRules(await scopeTeamQuery(actor, "scores:read", new URL(request.url).searchParams)));
});
