-- Indexes for the dashboard aggregations, filters and sorts (issue 6, docs/adr/0012-dashboard-aggregation.md).

-- The snapshots of a repository along its timeline: "its latest snapshot before the end of week W" (weekly
-- carry-forward), "its snapshots between two dates" (score history) and "the snapshot before this one" (new and fixed
-- findings) each read one range of this index and nothing else. Partial (stored snapshots only: succeeded and not a
-- duplicate) and keyed on the timeline position coalesce(committedAt, finishedAt), which the Prisma schema language
-- cannot express, so it lives here only. The queries spell the expression exactly like this. Dates, score and id are
-- included so that the lookups are index-only scans.
CREATE INDEX "Scan_snapshot_timeline_idx" ON "Scan" ("repositoryId", (coalesce("committedAt", "finishedAt")), "id")
    INCLUDE ("score", "committedAt", "finishedAt")
    WHERE "status" = 'succeeded' AND "duplicateOfId" IS NULL;

-- Planner statistics on the timeline expression, so that date ranges over it are estimated from the data.
CREATE STATISTICS "Scan_snapshot_at_stats" ON (coalesce("committedAt", "finishedAt")) FROM "Scan";

-- The latest scan of a repository, of any status (repositories needing attention, the last scan column of a team).
CREATE INDEX "Scan_repositoryId_queuedAt_idx" ON "Scan" ("repositoryId", "queuedAt");

-- The newest finished scan: part of the data version that tells when cached organisation-wide aggregates are stale.
CREATE INDEX "Scan_finishedAt_idx" ON "Scan" ("finishedAt");

-- Findings explorer, always within one snapshot: new and fixed by fingerprint against the previous snapshot, the
-- severity filter with the default sort (severity, file, line), the path prefix filter with the sort by file. The rule
-- filter uses the existing ("scanId", "ruleId") index.
CREATE INDEX "Finding_scanId_fingerprint_idx" ON "Finding" ("scanId", "fingerprint");
CREATE INDEX "Finding_scanId_severity_file_line_idx" ON "Finding" ("scanId", "severity", "file", "line");
CREATE INDEX "Finding_scanId_file_line_idx" ON "Finding" ("scanId", "file", "line");
