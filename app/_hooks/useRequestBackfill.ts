"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { BackfillDto } from "../_lib/dto";
import { backfillsKey } from "./useBackfills";

/** How far back a backfill goes and how far apart its points are (`POST /api/repositories/:id/backfills`). */
export interface BackfillRequestInput {
  /** Oldest date to scan back to: an ISO date or date-time in the past. */
  since: string;
  /** One point per this many days… */
  intervalDays?: number;
  /** …or one point per this many commits. */
  everyCommits?: number;
}

/**
 * Queues a backfill of past commits, then refetches the repository's backfills so their polling (see `useBackfills`)
 * shows its progress. While one is queued or running the server answers with it instead of starting another.
 */
export function useRequestBackfill(repositoryId: string): UseMutationResult<BackfillDto, Error, BackfillRequestInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BackfillRequestInput) =>
      fetchJson<BackfillDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/backfills`, { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backfillsKey(repositoryId) }),
  });
}
