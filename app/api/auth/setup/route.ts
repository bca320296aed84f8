import { handle, readJson } from "../../../_server/http";
import { checkSetupToken, completeSetup, signedInResponse } from "../../../_server/services/sign-in";

export const dynamic = "force-dynamic";

/** No credentials: whether the one-time setup link `?token=` still works → 200 `{ valid: true }`, else 410 with the reason. */
export const GET = handle(async (request: Request) => Response.json(await checkSetupToken(new URL(request.url).searchParams.get("token"))));

/** No credentials: `{ token, email, password, name? }` creates the first admin and signs them in → 200 SessionDto + cookies. */
export const POST = handle(async (request: Request) => signedInResponse(request, await completeSetup(await readJson(request), request)));
