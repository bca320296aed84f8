import type { RepositoryDto, ScanDto, SnapshotDto } from "../../_lib/dto";
import type { Repository, Scan, Team } from "../db";

export type { RepositoryDto, ScanDto, SnapshotDto } from "../../_lib/dto";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** A scan as the API and the UI see it: dates as ISO strings, and the id of the scan it duplicates, if any. */
export function toScanDto(scan: Scan): ScanDto {
  return {
    id: scan.id,
    repositoryId: scan.repositoryId,
    status: scan.status,
    trigger: scan.trigger,
    commitSha: scan.commitSha,
    score: scan.score,
    grade: scan.grade,
    error: scan.error,
    attempts: scan.attempts,
    queuedAt: scan.queuedAt.toISOString(),
    startedAt: iso(scan.startedAt),
    finishedAt: iso(scan.finishedAt),
    durationMs: scan.durationMs,
    committedAt: iso(scan.committedAt),
    partialReason: scan.partialReason,
    deadLetteredAt: iso(scan.deadLetteredAt),
    backfillId: scan.backfillId,
    duplicateOf: scan.duplicateOfId,
  };
}

/** A succeeded scan as one point of the score history; a snapshot without `finishedAt` falls back to when it was queued. */
export function toSnapshotDto(scan: Scan): SnapshotDto {
  return {
    scanId: scan.id,
    commitSha: scan.commitSha,
    score: scan.score,
    grade: scan.grade,
    finishedAt: (scan.finishedAt ?? scan.queuedAt).toISOString(),
    committedAt: iso(scan.committedAt),
    partialReason: scan.partialReason,
    guideVersion: scan.guideVersion,
    rulesetVersion: scan.rulesetVersion,
  };
}

/** Expects `scans` newest first (only the first becomes `latestScan`); `current` is the latest succeeded scan, if any. */
export function toRepositoryDto(repository: Repository & { team: Team; scans: Scan[] }, current?: Scan): RepositoryDto {
  const latest = repository.scans[0];
  return {
    id: repository.id,
    name: repository.name,
    url: repository.url,
    branch: repository.branch,
    team: { slug: repository.team.slug, name: repository.team.name },
    createdAt: repository.createdAt.toISOString(),
    hasAccessToken: repository.accessTokenCipher !== null,
    public: repository.public,
    schedule: repository.schedule,
    nextScanAt: iso(repository.nextScanAt),
    current: current ? toSnapshotDto(current) : null,
    latestScan: latest ? toScanDto(latest) : null,
  };
}
