"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import { apiTokensKey } from "./useApiTokens";

/** Revokes an API token (`DELETE /api/tokens/:id`): it fails from the next request on. Refreshes the list. */
export function useRevokeApiToken(): UseMutationResult<unknown, Error, string> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<unknown>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });
}
