import { answerThrottled } from "../../../_server/auth/rate-limit";
import { handleAuthed, readJson } from "../../../_server/http";
import { changePassword } from "../../../_server/services/sign-in";

export const dynamic = "force-dynamic";

/** A signed-in user, their own password: `{ currentPassword, newPassword }` → 204; their other sessions end; 429 with Retry-After. */
export const POST = handleAuthed(async (actor, request) =>
  answerThrottled(async () => {
    await changePassword(actor, await readJson(request), request);
    return new Response(null, { status: 204 });
  }),
);
