import { recordAudit } from "../../_server/auth/audit";
import { authorizeRegistrationTeam, ownTeamName, scopeTeamFilter } from "../../_server/auth/team-scope";
import { handleAuthed, readJson } from "../../_server/http";
import { DEFAULT_TEAM, listRepositories, registerParsedRepository, registerRepositoryInput } from "../../_server/services/repositories";

export const dynamic = "force-dynamic";

/**
 * scores:read: every team's repositories for signed-in users and admin tokens (`?team=slug` narrows); a team token
 * lists its own team's (`?team=` another: 403).
 */
export const GET = handleAuthed(async (actor, request: Request) => {
  const requested = new URL(request.url).searchParams.get("team")?.trim() || null;
  return Response.json(await listRepositories(await scopeTeamFilter(actor, "scores:read", requested)));
});

/**
 * repositories:manage on the team named in `team` (default: the caller's own team, else "Default"); a team that does
 * not exist yet is created with the repository, which takes teams:manage (an admin).
 */
export const POST = handleAuthed(async (actor, request: Request) => {
  const parsed = registerRepositoryInput.parse(await readJson(request));
  const input = { ...parsed, team: parsed.team || (await ownTeamName(actor)) || DEFAULT_TEAM };
  const { exists } = await authorizeRegistrationTeam(actor, input.team);
  const repository = await registerParsedRepository(input);
  const details = {
    name: repository.name,
    url: repository.url,
    branch: repository.branch,
    team: repository.team.slug,
    ...(exists ? {} : { teamCreated: true }),
    schedule: repository.schedule,
    ...(input.accessToken ? { accessToken: "set" } : {}),
    ...(input.backfill !== undefined ? { backfill: true } : {}),
  };
  await recordAudit(actor, { action: "repository.register", targetType: "repository", targetId: repository.id, details }, request);
  return Response.json(repository, { status: 201, headers: { location: `/api/repositories/${repository.id}` } });
});
