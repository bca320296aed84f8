import { recordAudit } from "../../_server/auth/audit";
import { authorize } from "../../_server/auth/authenticate";
import { listScope } from "../../_server/auth/team-scope";
import { handleAuthed, readJson } from "../../_server/http";
import { createTeam, listTeams } from "../../_server/services/teams";

export const dynamic = "force-dynamic";

/** scores:read: every team for signed-in users and admin tokens; a team token sees its own team only. */
export const GET = handleAuthed(async (actor) => Response.json(await listTeams(listScope(actor, "scores:read"))));

/** teams:manage (admins). */
export const POST = handleAuthed(async (actor, request) => {
  authorize(actor, "teams:manage", null);
  const team = await createTeam(await readJson(request));
  await recordAudit(actor, { action: "team.create", targetType: "team", targetId: team.slug, details: { name: team.name } }, request);
  return Response.json(team, { status: 201 });
});
