-- How far a running scan's analysis is (files parsed, rule running), for the scan page's live status (issue 6). Written
-- at most once a second by the worker and cleared when the scan ends (see app/_server/services/scan-progress.ts).
ALTER TABLE "Scan" ADD COLUMN "progress" JSONB;
