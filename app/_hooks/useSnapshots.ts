"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { SnapshotDto } from "../_lib/dto";

export const snapshotsKey = (repositoryId: string, currentScanId: string | null) =>
  ["snapshots", repositoryId, currentScanId] as const;

/** Keyed by the current snapshot, so the chart refetches exactly when a new snapshot lands. */
export function useSnapshots(repositoryId: string, currentScanId: string | null) {
  return useQuery({
    queryKey: snapshotsKey(repositoryId, currentScanId),
    queryFn: () => fetchJson<SnapshotDto[]>(`/api/repositories/${encodeURIComponent(repositoryId)}/snapshots`),
  });
}
