import { handleAuthedWithId } from "../../../_server/http";
import { revokeToken } from "../../../_server/services/api-token-admin";

export const dynamic = "force-dynamic";

/** tokens:manage on the token's team (admins for admin tokens): revokes it → 204, also when it was revoked already. */
export const DELETE = handleAuthedWithId(async (actor, id, request) => {
  await revokeToken(actor, id, request);
  return new Response(null, { status: 204 });
});
