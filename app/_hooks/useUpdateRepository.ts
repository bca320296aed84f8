"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";
import { repositoryKey } from "./useRepository";

/** What `PATCH /api/repositories/:id` changes: a field left out stays as it is. */
export interface RepositorySettingsInput {
  /** A cron expression (UTC), or null for manual scans only. */
  schedule?: string | null;
  /** Write-only: a string sets or replaces the stored token, null removes it; the answer only says `hasAccessToken`. */
  accessToken?: string | null;
  /** Whether the status badge (score and grade only) is served to anyone. */
  public?: boolean;
}

/**
 * Saves repository settings and puts the server's answer (the tidied schedule, the new `nextScanAt`, `hasAccessToken`)
 * straight into the repository's cache. A refused value arrives as an `ApiError` whose message names the problem.
 */
export function useUpdateRepository(repositoryId: string): UseMutationResult<RepositoryDto, Error, RepositorySettingsInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RepositorySettingsInput) =>
      fetchJson<RepositoryDto>(`/api/repositories/${encodeURIComponent(repositoryId)}`, { method: "PATCH", body: JSON.stringify(input) }),
    onSuccess: (repository) => queryClient.setQueryData(repositoryKey(repositoryId), repository),
  });
}
