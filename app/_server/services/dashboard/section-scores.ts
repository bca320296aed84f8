import { getDb, Prisma } from "../../db";
import { logger } from "../../logger";
import { IS_SNAPSHOT, SECTION, SECTION_CTES, sectionJoins, weightedScore } from "./sql";

/**
 * Each snapshot's guide-section scores, stored on its Scan row (`sectionScores`, `{ section: [score, findings,
 * suppressed] }`) so that trends over many snapshots read one small value per snapshot instead of its ~30 rule results
 * (the team overview over 104 weeks read ~70,000). Computed in SQL from the rule results with the same section mapping
 * and weighting the dashboard uses everywhere else (sql.ts), so a stored value and a computed one cannot differ.
 */
function sectionScoresUpdate(scans: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH ${SECTION_CTES},
    targets AS (${scans}),
    per_section AS (
      SELECT rr."scanId" AS scan, ${SECTION} AS section, ${weightedScore("rr")} AS score,
             sum(rr."findingCount")::int AS findings, sum(rr."suppressedCount")::int AS suppressed
      FROM targets t JOIN "RuleResult" rr ON rr."scanId" = t.id ${sectionJoins("rr")}
      GROUP BY 1, 2),
    per_scan AS (
      SELECT t.id AS scan, coalesce(jsonb_object_agg(p.section, jsonb_build_array(p.score, p.findings, p.suppressed)) FILTER (WHERE p.section IS NOT NULL), '{}') AS scores
      FROM targets t LEFT JOIN per_section p ON p.scan = t.id GROUP BY t.id)
    UPDATE "Scan" s SET "sectionScores" = per_scan.scores FROM per_scan WHERE s.id = per_scan.scan`;
}

/** Stores one snapshot's section scores; call inside the snapshot's transaction, after its rule results. */
export async function storeSectionScores(tx: Prisma.TransactionClient, scanId: string): Promise<void> {
  await tx.$executeRaw(sectionScoresUpdate(Prisma.sql`SELECT ${scanId}::text AS id`));
}

/** Snapshots filled per statement by `fillMissingSectionScores`. */
const BATCH = 2000;

/**
 * Fills `sectionScores` of snapshots stored before it existed (or written by other means, like the demo seed), a batch
 * per statement so no transaction holds many rows for long. Returns how many were filled. Safe to run on several
 * processes at once: each statement only picks rows still empty, and writing the same value twice is harmless. `run`
 * executes a statement and returns the rows it changed (the demo seed passes its own connection).
 */
export async function fillMissingSectionScores(run: (statement: Prisma.Sql) => Promise<number> = (statement) => getDb().$executeRaw(statement)): Promise<number> {
  const statement = sectionScoresUpdate(Prisma.sql`SELECT s.id FROM "Scan" s WHERE s."sectionScores" IS NULL AND ${IS_SNAPSHOT} LIMIT ${BATCH}`);
  let filled = 0;
  for (;;) {
    const count = await run(statement);
    filled += count;
    if (count < BATCH) return filled;
  }
}

/** `fillMissingSectionScores` in the background at start; the dashboard falls back to rule results meanwhile. */
export function fillSectionScoresInBackground(): void {
  const started = Date.now();
  fillMissingSectionScores()
    .then((filled) => filled > 0 && logger.info({ filled, ms: Date.now() - started }, "stored section scores of earlier snapshots"))
    .catch((error: unknown) => logger.warn({ err: error }, "could not store section scores of earlier snapshots; the dashboard computes them from rule results"));
}
