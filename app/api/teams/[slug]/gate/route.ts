import { authorizeTeamSlug } from "../../../../_server/auth/resources";
import { handleAuthed, readJson } from "../../../../_server/http";
import { getTeamGate, updateTeamGate } from "../../../../_server/services/gate";

export const dynamic = "force-dynamic";

type SlugContext = { params: Promise<{ slug: string }> };

/** The team's quality gate (its defaults when never set). scores:read on the team. */
export const GET = handleAuthed(async (actor, _request: Request, { params }: SlugContext) => {
  const { slug } = await params;
  const id = await authorizeTeamSlug(actor, "scores:read", slug);
  return Response.json(await getTeamGate({ id, slug }));
});

/** Replaces the team's quality gate; audited as gate.update. gates:manage on the team. */
export const PUT = handleAuthed(async (actor, request: Request, { params }: SlugContext) => {
  const { slug } = await params;
  const id = await authorizeTeamSlug(actor, "gates:manage", slug);
  return Response.json(await updateTeamGate(actor, { id, slug }, await readJson(request), request));
});
