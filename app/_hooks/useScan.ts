"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanDetailDto } from "../_lib/dto";

export const scanKey = (id: string | null) => ["scan", id] as const;

/** One scan with its rule results; disabled until there is a scan to show. */
export function useScan(id: string | null) {
  return useQuery({
    queryKey: scanKey(id),
    queryFn: () => fetchJson<ScanDetailDto>(`/api/scans/${encodeURIComponent(id ?? "")}`),
    enabled: id !== null,
  });
}
