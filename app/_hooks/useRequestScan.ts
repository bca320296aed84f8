"use client";
import { useMutation, useQueryClient, type QueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanDto } from "../_lib/dto";
import { repositoryKey } from "./useRepository";
import { scanHistoryKey } from "./useScanHistory";

/**
 * Queues a scan of the repository, then refetches it and its scan history, so their polling (see `useRepository` and
 * `useScanHistory`) picks up the new scan.
 */
export function useRequestScan(repositoryId: string): UseMutationResult<ScanDto, Error, void> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<ScanDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/scans`, { method: "POST" }),
    onSuccess: () => refreshScans(queryClient, repositoryId),
  });
}

/** Refetches the repository (its latest scan) and every page of its scan history: a scan was just requested. */
export async function refreshScans(queryClient: QueryClient, repositoryId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: repositoryKey(repositoryId) }),
    queryClient.invalidateQueries({ queryKey: scanHistoryKey(repositoryId) }),
  ]);
}
