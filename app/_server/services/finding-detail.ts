import { z } from "zod";
import { findAnalyzer, GUIDE_TAGS } from "../../../analyzers";
import type { FindingDetailDto } from "../../_lib/dto";
import { getDb } from "../db";
import { notFound } from "../errors";
import { previousSnapshotId } from "./dashboard/snapshots";
import { isActive, IS_SNAPSHOT, sectionInfo, SNAPSHOT_AT } from "./dashboard/sql";
import { ruleGuidance } from "./rule-guidance";

/** A finding id as findings are stored (a UUID; cuid for older rows): anything else is a 400 before any query. */
export const findingIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "id must be a finding id");

interface FindingRow {
  id: string;
  scanId: string;
  ruleId: string;
  guideTags: string[];
  severity: FindingDetailDto["severity"];
  file: string;
  line: number;
  endLine: number;
  message: string;
  fingerprint: string;
  snippet: string | null;
  suppressedKind: string | null;
  suppressedReason: string | null;
  suppressedLine: number | null;
  repositoryId: string;
  repositoryName: string;
  commitSha: string | null;
  at: Date;
  ruleScore: number | null;
  ruleFindingCount: number | null;
  ruleWeight: number | null;
}

interface HistoryRow {
  firstScanId: string | null;
  firstCommitSha: string | null;
  firstAt: Date | null;
  hasPrevious: boolean;
  inPrevious: boolean;
}

/**
 * `GET /api/findings/:id`: one finding with where it is (file, lines, the redacted snippet), which snapshot and
 * repository hold it, the guide section and rules it breaks, the rule's description, score in the snapshot and the
 * README's "how to fix", whether it is suppressed, new since the previous snapshot, and the first snapshot it was seen
 * in. A malformed id is a 400, an unknown one a 404.
 */
export async function getFindingDetail(id: string): Promise<FindingDetailDto> {
  const findingId = findingIdParam.parse(id);
  const [row] = await getDb().$queryRaw<FindingRow[]>`
    SELECT f.id, f."scanId", f."ruleId", f."guideTags", f.severity::text AS severity, f.file, f.line, f."endLine", f.message, f.fingerprint,
           f.snippet, f."suppressedKind", f."suppressedReason", f."suppressedLine",
           s."repositoryId", r.name AS "repositoryName", s."commitSha", ${SNAPSHOT_AT} AS at,
           rr.score AS "ruleScore", rr."findingCount" AS "ruleFindingCount", rr.weight AS "ruleWeight"
    FROM "Finding" f
    JOIN "Scan" s ON s.id = f."scanId"
    JOIN "Repository" r ON r.id = s."repositoryId"
    LEFT JOIN "RuleResult" rr ON rr."scanId" = f."scanId" AND rr."ruleId" = f."ruleId"
    WHERE f.id = ${findingId}`;
  if (!row) throw notFound("Finding", findingId);
  const [history, guidance] = await Promise.all([findingHistory(row), ruleGuidance(row.ruleId)]);
  return toDetail(row, history, guidance);
}

/** The first snapshot of the repository with this fingerprint, and whether the snapshot before this one counted it. */
async function findingHistory(row: FindingRow): Promise<HistoryRow> {
  const [history] = await getDb().$queryRaw<HistoryRow[]>`
    WITH prev AS (${previousSnapshotId(row.repositoryId, { scanId: row.scanId, at: row.at, commitSha: null, score: null, grade: null, rulesetVersion: null })}),
    first AS (
      SELECT s.id, s."commitSha", ${SNAPSHOT_AT} AS at FROM "Scan" s
      WHERE s."repositoryId" = ${row.repositoryId} AND ${IS_SNAPSHOT}
        AND EXISTS (SELECT 1 FROM "Finding" o WHERE o."scanId" = s.id AND o.fingerprint = ${row.fingerprint})
      ORDER BY ${SNAPSHOT_AT}, s.id LIMIT 1)
    SELECT (SELECT id FROM first) AS "firstScanId", (SELECT "commitSha" FROM first) AS "firstCommitSha", (SELECT at FROM first) AS "firstAt",
           EXISTS (SELECT 1 FROM prev) AS "hasPrevious",
           EXISTS (SELECT 1 FROM "Finding" p WHERE p."scanId" = (SELECT id FROM prev) AND p.fingerprint = ${row.fingerprint} AND ${isActive("p")}) AS "inPrevious"`;
  return history ?? { firstScanId: null, firstCommitSha: null, firstAt: null, hasPrevious: false, inPrevious: false };
}

/** The guide section of a rule: its analyzer's, else (a rule of an older version) the section of its first tag. */
function sectionOf(ruleId: string, guideTags: readonly string[]): FindingDetailDto["section"] {
  const section = findAnalyzer(ruleId)?.meta.section ?? GUIDE_TAGS.find((entry) => entry.tag === guideTags[0])?.section ?? "other";
  return sectionInfo(section);
}

function suppressionOf(row: FindingRow): FindingDetailDto["suppressed"] {
  if (!row.suppressedKind && !row.suppressedReason) return null;
  return { kind: row.suppressedKind ?? "inline", reason: row.suppressedReason, line: row.suppressedLine };
}

/** New or unchanged against the previous snapshot; neither for a suppressed finding or the first snapshot. */
function changeOf(suppressed: FindingDetailDto["suppressed"], history: HistoryRow): FindingDetailDto["change"] {
  if (suppressed || !history.hasPrevious) return null;
  return history.inPrevious ? "unchanged" : "new";
}

function firstSeenOf(history: HistoryRow): FindingDetailDto["firstSeen"] {
  return history.firstScanId && history.firstAt ? { scanId: history.firstScanId, commitSha: history.firstCommitSha, at: history.firstAt.toISOString() } : null;
}

/** The rule as this version describes it, with its weight, score and counted findings in the finding's snapshot. */
function ruleOf(row: FindingRow, guidance: FindingDetailDto["rule"]["guidance"]): FindingDetailDto["rule"] {
  const meta = findAnalyzer(row.ruleId)?.meta;
  return { description: meta?.description ?? null, scoring: meta?.scoring ?? null, weight: row.ruleWeight ?? meta?.weight ?? null, score: row.ruleScore, findingCount: row.ruleFindingCount, guidance };
}

function toDetail(row: FindingRow, history: HistoryRow, guidance: FindingDetailDto["rule"]["guidance"]): FindingDetailDto {
  const suppressed = suppressionOf(row);
  return {
    ...{ id: row.id, ruleId: row.ruleId, guideTags: row.guideTags, severity: row.severity, file: row.file, line: row.line, endLine: row.endLine },
    ...{ message: row.message, fingerprint: row.fingerprint, snippet: row.snippet, suppressed, change: changeOf(suppressed, history) },
    section: sectionOf(row.ruleId, row.guideTags),
    tags: row.guideTags.map((tag) => ({ tag, title: GUIDE_TAGS.find((entry) => entry.tag === tag)?.title ?? null })),
    repository: { id: row.repositoryId, name: row.repositoryName },
    snapshot: { scanId: row.scanId, commitSha: row.commitSha, at: row.at.toISOString() },
    firstSeen: firstSeenOf(history),
    rule: ruleOf(row, guidance),
  };
}
