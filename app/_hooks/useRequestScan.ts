"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanDto } from "../_lib/dto";
import { repositoryKey } from "./useRepository";

export function useRequestScan(repositoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<ScanDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/scans`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: repositoryKey(repositoryId) }),
  });
}
