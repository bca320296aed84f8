"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanDto } from "../_lib/dto";
import { repositoryKey } from "./useRepository";

/** Queues a scan of the repository, then refetches it so its polling (see `useRepository`) picks up the new scan. */
export function useRequestScan(repositoryId: string): UseMutationResult<ScanDto, Error, void> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<ScanDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/scans`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: repositoryKey(repositoryId) }),
  });
}
