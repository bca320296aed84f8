import { handleAuthed } from "../../../_server/http";
import { currentSession } from "../../../_server/services/sign-in";

export const dynamic = "force-dynamic";

/** A signed-in browser: its user and CSRF token (SessionDto). API tokens have no session: 403. */
export const GET = handleAuthed(async (actor) => Response.json(await currentSession(actor), { headers: { "cache-control": "no-store" } }));
