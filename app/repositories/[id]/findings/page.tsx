import { FindingsView } from "../../../_components/FindingsView";
import { authorizePage } from "../../../_server/auth/page-session";
import { authorizeRepository } from "../../../_server/auth/resources";

export const dynamic = "force-dynamic";

/**
 * The findings explorer of a repository (filters in the query string): an unknown repository is the 404 page, one whose
 * findings the signed-in user may not read the 403 page.
 */
export default async function RepositoryFindingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await authorizePage((actor) => authorizeRepository(actor, "findings:read", id));
  return <FindingsView repositoryId={id} />;
}
