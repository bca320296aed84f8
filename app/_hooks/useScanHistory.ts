"use client";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanPageDto } from "../_lib/dto";

/** Cache key of a page of scan history; `scanHistoryKey(id)` alone is the prefix that invalidates every page. */
export const scanHistoryKey = (repositoryId: string, page?: number): readonly unknown[] =>
  page === undefined ? ["scan-history", repositoryId] : ["scan-history", repositoryId, page];

export const SCAN_HISTORY_PAGE_SIZE = 10;

const hasActiveScan = (page: ScanPageDto | undefined): boolean =>
  page?.scans.some((scan) => scan.status === "queued" || scan.status === "running") ?? false;

/** One page of the repository's scan history, newest first; polls every 2 s while a scan on it is queued or running. */
export function useScanHistory(repositoryId: string, page: number): UseQueryResult<ScanPageDto, Error> {
  return useQuery({
    queryKey: scanHistoryKey(repositoryId, page),
    queryFn: () => fetchJson<ScanPageDto>(`/api/repositories/${encodeURIComponent(repositoryId)}/scans?page=${page}&pageSize=${SCAN_HISTORY_PAGE_SIZE}`),
    refetchInterval: (query) => (hasActiveScan(query.state.data) ? 2000 : false),
    // Paging keeps the previous page on screen until the next one arrives, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}
