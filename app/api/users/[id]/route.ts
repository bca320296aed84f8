import { handleAuthedWithId, readJson } from "../../../_server/http";
import { updateUser } from "../../../_server/services/users";

export const dynamic = "force-dynamic";

/** users:manage: `{ role?, team?, name?, disabled?, password? }` → 200 UserDto; 409 for the last active admin. */
export const PATCH = handleAuthedWithId(async (actor, id, request) => Response.json(await updateUser(actor, id, await readJson(request), request)));
