import { notFound } from "next/navigation";
import { RepositoryView } from "../../_components/RepositoryView";
import { AppError } from "../../_server/errors";
import { getRepository } from "../../_server/services/repositories";

export const dynamic = "force-dynamic";

export default async function RepositoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    await getRepository(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <RepositoryView id={id} />;
}
