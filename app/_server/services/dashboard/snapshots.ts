import { z } from "zod";
import type { HistoryPointDto } from "../../../_lib/dto";
import { getDb, Prisma } from "../../db";
import { AppError } from "../../errors";
import { isActive, IS_SNAPSHOT, SNAPSHOT_AT } from "./sql";

/** A scan id as the API hands them out (cuid), checked before it reaches a query. */
export const scanIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "snapshot must be a scan id");

export interface SnapshotRow {
  scanId: string;
  at: Date;
  commitSha: string | null;
  score: number | null;
  grade: string | null;
  rulesetVersion: string | null;
}

const SNAPSHOT_COLUMNS = Prisma.sql`s.id AS "scanId", ${SNAPSHOT_AT} AS at, s."commitSha", s.score, s.grade, s."rulesetVersion"`;

/** A snapshot row as the API shows it. */
export function historyPoint(row: SnapshotRow): HistoryPointDto {
  return { scanId: row.scanId, at: row.at.toISOString(), commitSha: row.commitSha, score: row.score, grade: row.grade, rulesetVersion: row.rulesetVersion };
}

/** The repository's snapshots with timeline position in [from, to), oldest first. */
export function snapshotsBetween(repositoryId: string, from: Date, to: Date): Promise<SnapshotRow[]> {
  return getDb().$queryRaw<SnapshotRow[]>`
    SELECT ${SNAPSHOT_COLUMNS} FROM "Scan" s
    WHERE s."repositoryId" = ${repositoryId} AND ${IS_SNAPSHOT} AND ${SNAPSHOT_AT} >= ${from}::timestamp AND ${SNAPSHOT_AT} < ${to}::timestamp
    ORDER BY ${SNAPSHOT_AT}, s.id`;
}

/**
 * The snapshot a view is about: `scanId` when given (a 404 unless it is a stored snapshot of this repository — a
 * duplicate scan answers with the snapshot it points to), else the repository's latest snapshot (before `before`).
 */
export async function chosenSnapshot(repositoryId: string, scanId: string | undefined, before?: Date): Promise<SnapshotRow | null> {
  if (scanId === undefined) {
    const [latest] = await getDb().$queryRaw<SnapshotRow[]>`
      SELECT ${SNAPSHOT_COLUMNS} FROM "Scan" s
      WHERE s."repositoryId" = ${repositoryId} AND ${IS_SNAPSHOT} ${before ? Prisma.sql`AND ${SNAPSHOT_AT} < ${before}::timestamp` : Prisma.empty}
      ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1`;
    return latest ?? null;
  }
  const [chosen] = await getDb().$queryRaw<SnapshotRow[]>`
    SELECT ${SNAPSHOT_COLUMNS} FROM "Scan" s
    WHERE s.id = (SELECT coalesce(d."duplicateOfId", d.id) FROM "Scan" d WHERE d.id = ${scanId} AND d."repositoryId" = ${repositoryId}) AND ${IS_SNAPSHOT}`;
  if (!chosen) throw new AppError("not_found", `Snapshot ${JSON.stringify(scanId)} does not exist in this repository.`);
  return chosen;
}

/**
 * The snapshot just before `snapshot` on the repository's timeline (ties broken by id), and the findings that count in
 * `snapshot` but not in it (new) and the other way round (fixed), matched by fingerprint; suppressed findings are
 * neither. All null for the repository's first snapshot.
 */
export async function changesSincePrevious(repositoryId: string, snapshot: SnapshotRow): Promise<{ previousScanId: string | null; added: number | null; gone: number | null }> {
  const [row] = await getDb().$queryRaw<Array<{ previous: string | null; added: number | null; gone: number | null }>>`
    WITH prev AS (${previousSnapshotId(repositoryId, snapshot)})
    SELECT prev.id AS previous,
      (SELECT count(*) FROM "Finding" f WHERE f."scanId" = ${snapshot.scanId} AND ${isActive("f")} AND NOT EXISTS
        (SELECT 1 FROM "Finding" p WHERE p."scanId" = prev.id AND p.fingerprint = f.fingerprint AND ${isActive("p")}))::int AS added,
      (SELECT count(*) FROM "Finding" p WHERE p."scanId" = prev.id AND ${isActive("p")} AND NOT EXISTS
        (SELECT 1 FROM "Finding" f WHERE f."scanId" = ${snapshot.scanId} AND f.fingerprint = p.fingerprint AND ${isActive("f")}))::int AS gone
    FROM prev`;
  return row ? { previousScanId: row.previous, added: row.added, gone: row.gone } : { previousScanId: null, added: null, gone: null };
}

/** SQL: the id of the snapshot just before `snapshot` on the repository's timeline (ties broken by id); no row for the first. */
export function previousSnapshotId(repositoryId: string, snapshot: SnapshotRow): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id FROM "Scan" s
    WHERE s."repositoryId" = ${repositoryId} AND ${IS_SNAPSHOT} AND (${SNAPSHOT_AT}, s.id) < (${snapshot.at}::timestamp, ${snapshot.scanId})
    ORDER BY ${SNAPSHOT_AT} DESC, s.id DESC LIMIT 1`;
}
