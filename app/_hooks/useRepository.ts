"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";

/** Cache key of one repository; shared with `useRequestScan`, which invalidates it so a new scan shows at once. */
export const repositoryKey = (id: string): readonly ["repository", string] => ["repository", id] as const;

const isInProgress = (repository: RepositoryDto | undefined): boolean =>
  repository?.latestScan?.status === "queued" || repository?.latestScan?.status === "running";

/** Polls every 2 s while a scan is queued or running, so its progress shows without a reload. */
export function useRepository(id: string): UseQueryResult<RepositoryDto, Error> {
  return useQuery({
    queryKey: repositoryKey(id),
    queryFn: () => fetchJson<RepositoryDto>(`/api/repositories/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (isInProgress(query.state.data) ? 2000 : false),
  });
}
