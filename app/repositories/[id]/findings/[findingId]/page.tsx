import { notFound } from "next/navigation";
import { FindingDetailView } from "../../../../_components/FindingDetailView";
import { authorizePage } from "../../../../_server/auth/page-session";
import { authorizeFinding } from "../../../../_server/auth/resources";
import { findOrNotFound } from "../../../../_server/page-lookup";
import { getFindingDetail } from "../../../../_server/services/finding-detail";

export const dynamic = "force-dynamic";

/**
 * One finding of a repository; a finding that does not exist, or belongs to another repository, is the 404 page, and
 * one the signed-in user may not read (a viewer, another team's member) the 403 page — checked before it is loaded.
 */
export default async function FindingPage({ params }: { params: Promise<{ id: string; findingId: string }> }) {
  const { id, findingId } = await params;
  await authorizePage((actor) => authorizeFinding(actor, "findings:read", findingId));
  const finding = await findOrNotFound(() => getFindingDetail(findingId));
  if (finding.repository.id !== id) notFound();
  return <FindingDetailView findingId={findingId} initial={finding} />;
}
