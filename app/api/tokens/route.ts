import { handleAuthed, readJson } from "../../_server/http";
import { createToken, listTokens } from "../../_server/services/api-token-admin";

export const dynamic = "force-dynamic";

/** tokens:manage: every token for admins, their team's for leads. */
export const GET = handleAuthed(async (actor) => Response.json(await listTokens(actor)));

/** tokens:manage on the token's team (admins for admin tokens): `{ name, team?, admin?, scopes }` → 201 with the token, shown once. */
export const POST = handleAuthed(async (actor, request) => Response.json(await createToken(actor, await readJson(request), request), { status: 201, headers: { "cache-control": "no-store" } }));
