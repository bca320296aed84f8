"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { SnapshotDto } from "../_lib/dto";

/** Includes the current snapshot's scan id, so a new snapshot is a new key and the history is fetched again. */
export const snapshotsKey = (repositoryId: string, currentScanId: string | null): readonly ["snapshots", string, string | null] =>
  ["snapshots", repositoryId, currentScanId] as const;

/** The prefix of every snapshots key of a repository: invalidating it refetches the history (a backfill adds past points). */
export const allSnapshotsKey = (repositoryId: string): readonly ["snapshots", string] => ["snapshots", repositoryId] as const;

/** Keyed by the current snapshot, so the chart refetches exactly when a new snapshot lands. */
export function useSnapshots(repositoryId: string, currentScanId: string | null): UseQueryResult<SnapshotDto[], Error> {
  return useQuery({
    queryKey: snapshotsKey(repositoryId, currentScanId),
    queryFn: () => fetchJson<SnapshotDto[]>(`/api/repositories/${encodeURIComponent(repositoryId)}/snapshots`),
  });
}
