"use client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { OverviewDto } from "../_lib/dto";
import { withQuery } from "../_lib/filters";

/**
 * The organisation overview (`GET /api/overview`) for a filter query string (`range`/`from`/`to`, `team`); null
 * leaves it disabled (the URL's filters are malformed). A new period keeps the previous answer on screen until it arrives.
 */
export function useOverview(query: string | null): UseQueryResult<OverviewDto, Error> {
  return useQuery({
    queryKey: ["overview", query],
    queryFn: () => fetchJson<OverviewDto>(withQuery("/api/overview", query ?? "")),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
