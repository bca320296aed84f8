"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanDetailDto } from "../_lib/dto";

/** Cache key of one scan's details; a finished scan never changes, so nothing needs to invalidate it. */
export const scanKey = (id: string | null): readonly ["scan", string | null] => ["scan", id] as const;

/** One scan with its rule results; disabled until there is a scan to show. */
export function useScan(id: string | null): UseQueryResult<ScanDetailDto, Error> {
  return useQuery({
    queryKey: scanKey(id),
    queryFn: () => fetchJson<ScanDetailDto>(`/api/scans/${encodeURIComponent(id ?? "")}`),
    enabled: id !== null,
  });
}
