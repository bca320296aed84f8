"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";

/** The prefix of every repository-list key: mutations invalidate it, whatever team filter a list has. */
export const repositoriesKey = ["repositories"] as const;

/** Every registered repository (or one team's, by slug) with its current score; mutations invalidate `repositoriesKey`. */
export function useRepositories(team: string | null = null): UseQueryResult<RepositoryDto[], Error> {
  return useQuery({
    queryKey: [...repositoriesKey, team],
    queryFn: () => fetchJson<RepositoryDto[]>(team ? `/api/repositories?team=${encodeURIComponent(team)}` : "/api/repositories"),
  });
}
