import { handleWithId } from "../../../_server/http";
import { getRepository } from "../../../_server/services/repositories";

export const dynamic = "force-dynamic";

export const GET = handleWithId(async (id) => Response.json(await getRepository(id)));
