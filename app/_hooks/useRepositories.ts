"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";

export const repositoriesKey = ["repositories"] as const;

/** Every registered repository with its current score, for the overview; mutations invalidate `repositoriesKey`. */
export function useRepositories(): UseQueryResult<RepositoryDto[], Error> {
  return useQuery({ queryKey: repositoriesKey, queryFn: () => fetchJson<RepositoryDto[]>("/api/repositories") });
}
