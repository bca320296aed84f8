"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";

export const repositoriesKey = ["repositories"] as const;

export function useRepositories() {
  return useQuery({ queryKey: repositoriesKey, queryFn: () => fetchJson<RepositoryDto[]>("/api/repositories") });
}
