"use client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryHistoryDto } from "../_lib/dto";

/** Cache key of one snapshot's rule results by guide section; a stored snapshot never changes, so nothing invalidates it. */
export const repositoryHistoryKey = (repositoryId: string, scanId: string | null): readonly ["repository-history", string, string | null] =>
  ["repository-history", repositoryId, scanId] as const;

/**
 * One snapshot of the repository (`GET /api/repositories/:id/history?snapshot=`): its rule results grouped by guide
 * section with section scores, and the findings new and fixed since the snapshot before it. Disabled until there is a
 * snapshot to show; the previous snapshot's sections stay on screen while another one loads.
 */
export function useRepositoryHistory(repositoryId: string, scanId: string | null): UseQueryResult<RepositoryHistoryDto, Error> {
  return useQuery({
    queryKey: repositoryHistoryKey(repositoryId, scanId),
    queryFn: () => fetchJson<RepositoryHistoryDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/history?snapshot=${encodeURIComponent(scanId ?? "")}`),
    enabled: scanId !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
