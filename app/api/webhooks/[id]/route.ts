import { handleAuthedWithId } from "../../../_server/http";
import { deleteWebhook } from "../../../_server/services/webhooks";

export const dynamic = "force-dynamic";

/** Removes a webhook and its deliveries; 204, audited as webhook.delete. webhooks:manage on its team (admins for the organisation's). */
export const DELETE = handleAuthedWithId(async (actor, id, request) => {
  await deleteWebhook(actor, id, request);
  return new Response(null, { status: 204 });
});
