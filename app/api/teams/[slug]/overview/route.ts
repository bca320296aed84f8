import { handle } from "../../../../_server/http";
import { getTeamOverview } from "../../../../_server/services/dashboard/team-overview";

export const dynamic = "force-dynamic";

type SlugContext = { params: Promise<{ slug: string }> };

/** One team over a period: trend overall and per guide section, repositories, most violated rules, suppressions. */
export const GET = handle(async (request: Request, { params }: SlugContext) => Response.json(await getTeamOverview((await params).slug, new URL(request.url).searchParams)));
