import type { Metadata } from "next";
import { TokensView } from "../../_components/TokensView";
import { authorize } from "../../_server/auth/authenticate";
import { authorizePage } from "../../_server/auth/page-session";

export const metadata: Metadata = { title: "API tokens — Heimdall" };

/** `/settings/tokens`: for those who manage API tokens (a team's lead, admins); others get the 403 page. */
export default async function TokensPage() {
  await authorizePage(async (actor) => authorize(actor, "tokens:manage", actor.teamId));
  return <TokensView />;
}
