import { authorizeTeamSlug } from "../../../../_server/auth/resources";
import { handleAuthed } from "../../../../_server/http";
import { getTeamOverview } from "../../../../_server/services/dashboard/team-overview";

export const dynamic = "force-dynamic";

type SlugContext = { params: Promise<{ slug: string }> };

/** One team over a period: trend overall and per guide section, repositories, most violated rules, suppressions. scores:read on the team. */
export const GET = handleAuthed(async (actor, request: Request, { params }: SlugContext) => {
  const { slug } = await params;
  await authorizeTeamSlug(actor, "scores:read", slug);
  return Response.json(await getTeamOverview(slug, new URL(request.url).searchParams));
});
