import { SignInThrottled, withRetryAfter } from "../../../_server/auth/rate-limit";
import { errorResponse, handle, readJson } from "../../../_server/http";
import { signedInResponse, signIn } from "../../../_server/services/sign-in";

export const dynamic = "force-dynamic";

/** No credentials: `{ email, password }` → 200 SessionDto + session cookies; 401 on any mismatch; 429 with Retry-After. */
export const POST = handle(async (request: Request) => {
  try {
    return signedInResponse(request, await signIn(await readJson(request), request));
  } catch (error) {
    if (error instanceof SignInThrottled) return withRetryAfter(errorResponse(error), error);
    throw error;
  }
});
