import type { Metadata } from "next";
import { UsersView } from "../../_components/UsersView";
import { authorize } from "../../_server/auth/authenticate";
import { authorizePage } from "../../_server/auth/page-session";

export const metadata: Metadata = { title: "Users — Heimdall" };

/** `/admin/users`: admins only; others get the 403 page. */
export default async function UsersPage() {
  await authorizePage(async (actor) => authorize(actor, "users:manage", null));
  return <UsersView />;
}
