import type { JSX } from "react";
import type { BackfillDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";

function spacing(backfill: BackfillDto): string {
  if (backfill.everyCommits !== null) return backfill.everyCommits === 1 ? "every commit" : `every ${backfill.everyCommits} commits`;
  return backfill.intervalDays === 7 ? "weekly" : `every ${backfill.intervalDays ?? 7} days`;
}

/** What a backfill is doing before it knows how many points it has. */
const BEFORE_POINTS: Record<BackfillDto["status"], string> = {
  queued: "Waiting for a worker…",
  running: "Reading the history…",
  succeeded: "No commits to scan.",
  failed: "Failed before it chose its points.",
};

/** "17 of 52 points", or what the backfill waits for before it knows how many points it has. */
function summary(backfill: BackfillDto): string {
  if (backfill.total === null) return BEFORE_POINTS[backfill.status];
  const failed = backfill.points.failed > 0 ? ` (${backfill.points.failed} failed)` : "";
  return `${backfill.done} of ${backfill.total} points${failed}`;
}

const TITLES: Record<BackfillDto["status"], string> = { queued: "Backfill queued", running: "Backfill running", succeeded: "Backfill finished", failed: "Backfill failed" };

/** A backfill's progress: a bar with "17 of 52 points" while it runs, and its error (plain text) when it failed. */
export function BackfillProgress({ backfill }: { backfill: BackfillDto }): JSX.Element {
  const text = summary(backfill);
  return (
    <div className="backfill-progress" data-testid="backfill-progress">
      <p role="status">
        <strong>{TITLES[backfill.status]}</strong> · <span data-testid="backfill-summary">{text}</span>
      </p>
      {backfill.total !== null ? <progress max={Math.max(backfill.total, 1)} value={backfill.done} aria-label="Backfill progress" aria-valuetext={text} /> : null}
      <p className="muted small">
        One point {spacing(backfill)} back to {formatDate(backfill.since)} · requested {formatDate(backfill.requestedAt)}
      </p>
      {backfill.error ? <p className={backfill.status === "failed" ? "error-text" : "warn-text"}>{backfill.error}</p> : null}
    </div>
  );
}
