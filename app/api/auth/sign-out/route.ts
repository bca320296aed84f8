import { clearedSessionCookies } from "../../../_server/auth/sessions";
import { handleAuthed } from "../../../_server/http";
import { signOut } from "../../../_server/services/sign-in";

export const dynamic = "force-dynamic";

/** Any caller: ends the session (with the CSRF header) and clears its cookies; 204. An API token has no session: 204, nothing changes. */
export const POST = handleAuthed(async (actor, request) => {
  await signOut(actor);
  const headers = new Headers();
  for (const cookie of clearedSessionCookies(request)) headers.append("set-cookie", cookie);
  return new Response(null, { status: 204, headers });
});
