import { RepositoryView } from "../../_components/RepositoryView";
import { findOrNotFound } from "../../_server/page-lookup";
import { getRepository } from "../../_server/services/repositories";

export const dynamic = "force-dynamic";

/** A repository's page (an unknown id is the 404 page); the view fetches and polls its data on the client. */
export default async function RepositoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await findOrNotFound(() => getRepository(id));
  return <RepositoryView id={id} />;
}
