"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ScanLiveDto } from "../_lib/dto";

/** Whether a scan is still to finish: the scan page keeps polling it. */
export const isScanActive = (status: string | undefined): boolean => status === "queued" || status === "running";

/**
 * A scan's live status (`GET /api/scans/:id/live`): polled every second while it is queued or running — the worker
 * writes its progress at most once a second — and left alone once it has succeeded or failed. `initial` is the page's
 * server render's reading, shown at once.
 */
export function useScanLive(scanId: string, initial?: ScanLiveDto): UseQueryResult<ScanLiveDto, Error> {
  return useQuery({
    ...(initial ? { initialData: initial } : {}),
    queryKey: ["scan-live", scanId] as const,
    queryFn: () => fetchJson<ScanLiveDto>(`/api/scans/${encodeURIComponent(scanId)}/live`),
    refetchInterval: (query) => (query.state.error ? 5000 : isScanActive(query.state.data?.scan.status) ? 1000 : false),
    staleTime: 0,
  });
}
