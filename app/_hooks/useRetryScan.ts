"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanDto } from "../_lib/dto";
import { refreshScans } from "./useRequestScan";

/** Runs a failed scan again (`POST /api/scans/:id/retry`) and refreshes the repository and its scan history. */
export function useRetryScan(repositoryId: string): UseMutationResult<ScanDto, Error, string> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scanId: string) => fetchJson<ScanDto>(`/api/scans/${encodeURIComponent(scanId)}/retry`, { method: "POST" }),
    onSuccess: () => refreshScans(queryClient, repositoryId),
  });
}
