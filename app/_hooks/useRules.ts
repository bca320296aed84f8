"use client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RulesDto } from "../_lib/dto";
import { withQuery } from "../_lib/filters";

/**
 * The rule catalogue with compliance per rule (`GET /api/rules`) for a filter query string; null leaves it disabled
 * (the URL's filters are malformed). A new period or team keeps the previous answer on screen until it arrives.
 */
export function useRules(query: string | null): UseQueryResult<RulesDto, Error> {
  return useQuery({
    queryKey: ["rules", query],
    queryFn: () => fetchJson<RulesDto>(withQuery("/api/rules", query ?? "")),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
