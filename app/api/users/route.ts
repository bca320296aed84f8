import { handleAuthed, readJson } from "../../_server/http";
import { createUser, listUsers } from "../../_server/services/users";

export const dynamic = "force-dynamic";

/** users:manage (admins): every user. */
export const GET = handleAuthed(async (actor) => Response.json(await listUsers(actor)));

/** users:manage: `{ email, name?, role, team?, password }` → 201 UserDto. */
export const POST = handleAuthed(async (actor, request) => Response.json(await createUser(actor, await readJson(request), request), { status: 201 }));
