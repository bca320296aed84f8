"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { TeamSummaryDto } from "../_lib/dto";

/** Cache key of the team list; registering a repository may add a team, so that invalidates it too. */
export const teamsKey = ["teams"] as const;

/** Every team by name with its number of repositories: for the navigation's team menu and the team filter. */
export function useTeams(): UseQueryResult<TeamSummaryDto[], Error> {
  return useQuery({ queryKey: teamsKey, queryFn: () => fetchJson<TeamSummaryDto[]>("/api/teams"), staleTime: 60_000 });
}
