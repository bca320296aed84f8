import { FindingsView } from "../../../_components/FindingsView";
import { findOrNotFound } from "../../../_server/page-lookup";
import { getRepository } from "../../../_server/services/repositories";

export const dynamic = "force-dynamic";

/** The findings explorer of a repository (filters in the query string); an unknown repository is the 404 page. */
export default async function RepositoryFindingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await findOrNotFound(() => getRepository(id));
  return <FindingsView repositoryId={id} />;
}
