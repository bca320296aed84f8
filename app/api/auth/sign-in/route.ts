import { answerThrottled } from "../../../_server/auth/rate-limit";
import { handle, readJson } from "../../../_server/http";
import { signedInResponse, signIn } from "../../../_server/services/sign-in";

export const dynamic = "force-dynamic";

/** No credentials: `{ email, password }` → 200 SessionDto + session cookies; 401 on any mismatch; 429 with Retry-After. */
export const POST = handle(async (request: Request) => answerThrottled(async () => signedInResponse(request, await signIn(await readJson(request), request))));
