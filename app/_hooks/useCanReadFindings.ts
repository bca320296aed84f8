"use client";
import { useRepository } from "./useRepository";
import { useCan } from "./useViewer";

/**
 * Whether the signed-in user may read this repository's findings (its team's members and leads, admins): false while
 * the repository loads. For hiding links and tabs only; the server refuses the findings anyway.
 */
export function useCanReadFindings(repositoryId: string): boolean {
  const repository = useRepository(repositoryId);
  return useCan("findings:read", repository.data?.team.slug ?? null);
}
