import type { Metadata } from "next";
import { AccountView } from "../_components/AccountView";
import { requirePageSession } from "../_server/auth/page-session";

export const metadata: Metadata = { title: "Account — Heimdall" };

/** `/settings`: the signed-in user's account and password. */
export default async function AccountPage() {
  await requirePageSession();
  return <AccountView />;
}
