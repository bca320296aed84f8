import { handle, readJson } from "../../_server/http";
import { createTeam, listTeams } from "../../_server/services/teams";

export const dynamic = "force-dynamic";

export const GET = handle(async () => Response.json(await listTeams()));

export const POST = handle(async (request: Request) => Response.json(await createTeam(await readJson(request)), { status: 201 }));
