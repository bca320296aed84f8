"use client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { TeamOverviewDto } from "../_lib/dto";
import { withQuery } from "../_lib/filters";

/**
 * One team over a period (`GET /api/teams/:slug/overview`) for a period query string; null leaves it disabled (the
 * URL's period is malformed). A new period keeps the previous answer on screen until it arrives.
 */
export function useTeamOverview(slug: string, query: string | null): UseQueryResult<TeamOverviewDto, Error> {
  return useQuery({
    queryKey: ["team-overview", slug, query],
    queryFn: () => fetchJson<TeamOverviewDto>(withQuery(`/api/teams/${encodeURIComponent(slug)}/overview`, query ?? "")),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
