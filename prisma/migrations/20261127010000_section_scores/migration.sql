-- Each snapshot's guide-section scores, finding and suppression counts, written with the snapshot (issue 6: the team
-- overview read about 70,000 rule results per cold request for 104 weeks). Filled for older snapshots in the background
-- at start (app/_server/services/dashboard/section-scores.ts), and until then the dashboard computes them from RuleResult.
ALTER TABLE "Scan" ADD COLUMN "sectionScores" JSONB
