"use client";
import { useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fetchJson } from "../_lib/api-client";
import type { BackfillDto } from "../_lib/dto";
import { repositoryKey } from "./useRepository";
import { allSnapshotsKey } from "./useSnapshots";

/** Cache key of a repository's backfills; `useRequestBackfill` invalidates it so a new backfill shows at once. */
export const backfillsKey = (repositoryId: string): readonly ["backfills", string] => ["backfills", repositoryId] as const;

/** Whether a backfill is still to finish (queued or running). */
export const isBackfillActive = (backfill: BackfillDto | undefined): boolean => backfill?.status === "queued" || backfill?.status === "running";

/** Something that changes each time a point of the latest backfill is done, or the backfill starts or ends. */
const progressOf = (backfill: BackfillDto | undefined): string | null => (backfill ? `${backfill.id}:${backfill.status}:${backfill.done}` : null);

/**
 * The repository's backfills, newest first. Polls every 2 s while the latest is queued or running, and each time one
 * of its points is done refetches the score history (and the repository, whose current snapshot a point may become),
 * so the chart fills in as the points arrive.
 */
export function useBackfills(repositoryId: string): UseQueryResult<BackfillDto[], Error> {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: backfillsKey(repositoryId),
    queryFn: () => fetchJson<BackfillDto[]>(`/api/repositories/${encodeURIComponent(repositoryId)}/backfills`),
    refetchInterval: (current) => (isBackfillActive(current.state.data?.[0]) ? 2000 : false),
  });
  const progress = progressOf(query.data?.[0]);
  const seen = useRef(progress);
  useEffect(() => {
    if (seen.current === progress) return;
    seen.current = progress;
    void queryClient.invalidateQueries({ queryKey: allSnapshotsKey(repositoryId) });
    void queryClient.invalidateQueries({ queryKey: repositoryKey(repositoryId) });
  }, [progress, queryClient, repositoryId]);
  return query;
}
