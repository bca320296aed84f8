import { handleWithId, readJson } from "../../../_server/http";
import { getRepository, updateRepository } from "../../../_server/services/repositories";

export const dynamic = "force-dynamic";

export const GET = handleWithId(async (id) => Response.json(await getRepository(id)));

export const PATCH = handleWithId(async (id, request) => Response.json(await updateRepository(id, await readJson(request))));
