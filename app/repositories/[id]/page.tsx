import { RepositoryView } from "../../_components/RepositoryView";
import { authorizePage } from "../../_server/auth/page-session";
import { authorizeRepository } from "../../_server/auth/resources";

export const dynamic = "force-dynamic";

/** A repository's page (an unknown id is the 404 page); the view fetches and polls its data on the client. */
export default async function RepositoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await authorizePage((actor) => authorizeRepository(actor, "scores:read", id));
  return <RepositoryView id={id} />;
}
