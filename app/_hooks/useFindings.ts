"use client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { FindingsPageDto } from "../_lib/dto";
import { findingFiltersQuery, type FindingFilters } from "../_lib/finding-filters";

/**
 * One page of a snapshot's findings, filtered and sorted on the server (`GET /api/repositories/:id/findings`). The
 * page on screen stays while the next one loads (`isPlaceholderData`), so paging and filtering do not make it jump.
 */
export function useFindings(repositoryId: string, filters: FindingFilters): UseQueryResult<FindingsPageDto, Error> {
  const params = findingFiltersQuery(filters);
  // The URL leaves the explorer's default page size out; the API's own default differs, so it is always sent.
  params.set("pageSize", String(filters.pageSize));
  const query = params.toString();
  return useQuery({
    queryKey: ["findings", repositoryId, query] as const,
    queryFn: () => fetchJson<FindingsPageDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/findings${query ? `?${query}` : ""}`),
    placeholderData: keepPreviousData,
  });
}
