import { ScanView } from "../../_components/ScanView";
import { authorizePage } from "../../_server/auth/page-session";
import { authorizeScan } from "../../_server/auth/resources";
import { findOrNotFound } from "../../_server/page-lookup";
import { getScanLiveStatus } from "../../_server/services/scan-live-status";

export const dynamic = "force-dynamic";

/** A scan's page: live status while it waits or runs, then its result; an unknown scan is the 404 page. */
export default async function ScanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await authorizePage((actor) => authorizeScan(actor, "scores:read", id));
  const live = await findOrNotFound(() => getScanLiveStatus(id));
  return <ScanView scanId={id} initial={live} />;
}
