import { handleAuthed, readJson } from "../../_server/http";
import { createWebhook, listWebhooks } from "../../_server/services/webhooks";

export const dynamic = "force-dynamic";

/** `?team=slug`: the team's webhooks (webhooks:manage on it); without it, the organisation's (admins). Never a secret. */
export const GET = handleAuthed(async (actor, request: Request) => Response.json(await listWebhooks(actor, new URL(request.url).searchParams)));

/** `{ url, events, team? }` → 201 with the signing secret, shown this once; audited as webhook.create. */
export const POST = handleAuthed(async (actor, request: Request) => Response.json(await createWebhook(actor, await readJson(request), request), { status: 201 }));
