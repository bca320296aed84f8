import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditView } from "../../_components/AuditView";
import { Loading } from "../../_components/LoadState";
import { authorize } from "../../_server/auth/authenticate";
import { authorizePage } from "../../_server/auth/page-session";

export const metadata: Metadata = { title: "Audit log — Heimdall" };

/** `/admin/audit`: admins only; others get the 403 page. */
export default async function AuditPage() {
  await authorizePage(async (actor) => authorize(actor, "audit:read", null));
  return (
    <Suspense fallback={<Loading what="the audit log" />}>
      <AuditView />
    </Suspense>
  );
}
