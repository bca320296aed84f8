// One repository's snapshots as SQL pieces: the snapshot a view is about, the one before it, and what changed between
// them. The per-repository views each answer in one statement built from these.
import { z } from "zod";
import { Prisma } from "../../db";
import { iso, isActive, IS_SNAPSHOT, SNAPSHOT_AT } from "./sql";

/** A scan id as the API hands them out (cuid), checked before it reaches a query. */
export const scanIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a scan id");

/** JSON of a snapshot row aliased `s` as the API shows it (HistoryPointDto). */
export const SNAPSHOT_JSON = Prisma.sql`json_build_object('scanId', s.id, 'at', ${iso(SNAPSHOT_AT)}, 'commitSha', s."commitSha", 'score', s.score, 'grade', s.grade, 'rulesetVersion', s."rulesetVersion")`;

/**
 * CTE body `chosen(id, at)`: the snapshot a view is about — `scanId` when given (a duplicate scan stands for the snapshot
 * it points to; no row unless it is a stored snapshot of this repository), else the repository's latest snapshot,
 * before `before` when given.
 */
export function chosenSnapshotSql(repositoryId: string, scanId: string | undefined, before?: Date): Prisma.Sql {
  if (scanId !== undefined) {
    return Prisma.sql`
      SELECT s.id, ${SNAPSHOT_AT} AS at FROM "Scan" s
      WHERE s.id = (SELECT coalesce(d."duplicateOfId", d.id) FROM "Scan" d WHERE d.id = ${scanId} AND d."repositoryId" = ${repositoryId}) AND ${IS_SNAPSHOT}`;
  }
  return Prisma.sql`
    SELECT s.id, ${SNAPSHOT_AT} AS at FROM "Scan" s
    WHERE s."repositoryId" = ${repositoryId} AND ${IS_SNAPSHOT} ${before ? Prisma.sql`AND ${SNAPSHOT_AT} < ${before}::timestamp` : Prisma.empty}
    ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1`;
}

/** CTE body `prev(id)`: the snapshot just before CTE `chosen` on the repository's timeline (ties broken by id). */
export function previousSnapshotSql(repositoryId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id FROM "Scan" s, chosen c
    WHERE s."repositoryId" = ${repositoryId} AND ${IS_SNAPSHOT} AND (${SNAPSHOT_AT}, s.id) < (c.at, c.id)
    ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1`;
}

/**
 * CTE body `fingerprints(fingerprint, now, before)`: the fingerprints of the findings that count (not suppressed) in CTE
 * `chosen` and in CTE `prev`, in one pass over both: a new finding's is only `now`, a fixed one's only `before`.
 */
export const FINGERPRINTS_SQL = Prisma.sql`
  SELECT f.fingerprint, bool_or(f."scanId" = (SELECT id FROM chosen)) AS now, bool_or(f."scanId" = (SELECT id FROM prev)) AS before
  FROM "Finding" f WHERE f."scanId" IN ((SELECT id FROM chosen), (SELECT id FROM prev)) AND ${isActive("f")}
  GROUP BY f.fingerprint`;

/** SQL: how many findings are new (`new`) or fixed (`fixed`) by CTE `fingerprints`; null without a previous snapshot. */
export function changeCountSql(kind: "new" | "fixed"): Prisma.Sql {
  const condition = kind === "new" ? Prisma.sql`now AND NOT before` : Prisma.sql`before AND NOT now`;
  return Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM prev) THEN (SELECT count(*)::int FROM fingerprints WHERE ${condition}) END`;
}

/** A snapshot as the finding detail knows it: its scan id and timeline position (other fields are not read). */
export interface SnapshotRow {
  scanId: string;
  at: Date;
  commitSha: string | null;
  score: number | null;
  grade: string | null;
  rulesetVersion: string | null;
}

/** SQL: the id of the snapshot just before `snapshot` on the repository's timeline (ties broken by id); no row for the first. */
export function previousSnapshotId(repositoryId: string, snapshot: SnapshotRow): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id FROM "Scan" s
    WHERE s."repositoryId" = ${repositoryId} AND ${IS_SNAPSHOT} AND (${SNAPSHOT_AT}, s.id) < (${snapshot.at}::timestamp, ${snapshot.scanId})
    ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1`;
}
