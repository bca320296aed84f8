"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { FindingDetailDto } from "../_lib/dto";

/**
 * One finding with its rule, guide section and how to fix it (`GET /api/findings/:id`); a stored finding never changes.
 * `initial` is what the page's server render already read, so the page shows it without a second request.
 */
export function useFinding(findingId: string, initial?: FindingDetailDto): UseQueryResult<FindingDetailDto, Error> {
  return useQuery({
    queryKey: ["finding", findingId] as const,
    queryFn: () => fetchJson<FindingDetailDto>(`/api/findings/${encodeURIComponent(findingId)}`),
    staleTime: Number.POSITIVE_INFINITY,
    ...(initial ? { initialData: initial } : {}),
  });
}
