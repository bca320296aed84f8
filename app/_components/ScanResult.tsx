"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { JSX } from "react";
import { useMediaQuery } from "../_hooks/useMediaQuery";
import { useRepositoryHistory } from "../_hooks/useRepositoryHistory";
import { useScan } from "../_hooks/useScan";
import type { ScanDetailDto, ScanDto } from "../_lib/dto";
import { findingsHref } from "../_lib/finding-filters";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";
import { ScoreBar } from "./RuleResults";
import { SnapshotSectionChart } from "./SnapshotSectionChart";

const WEAKEST = 5;

/** Findings of the snapshot, and new and fixed since the previous one, each a link into the explorer. */
function Changes({ detail, snapshotId }: { detail: ScanDetailDto; snapshotId: string }): JSX.Element {
  const href = (change: "all" | "new" | "fixed") => findingsHref(detail.repositoryId, { snapshot: snapshotId, change });
  const changes = detail.changes;
  return (
    <p data-testid="scan-changes">
      <Link href={href("all")}>{detail.findingCount === 1 ? "1 finding" : `${detail.findingCount} findings`}</Link>
      {changes && changes.previousScanId !== null ? (
        <>
          {" · "}
          <Link href={href("new")} className="change-new">{changes.newFindings ?? 0} new</Link>
          {" · "}
          <Link href={href("fixed")} className="change-fixed">{changes.fixedFindings ?? 0} fixed</Link>
          <span className="muted"> since the previous snapshot</span>
        </>
      ) : (
        <span className="muted"> · the repository's first snapshot</span>
      )}
    </p>
  );
}

/** The rules that cost the most: lowest scores first, each a link to its findings. */
function WeakestRules({ detail, snapshotId }: { detail: ScanDetailDto; snapshotId: string }): JSX.Element | null {
  const weakest = detail.rules.filter((rule) => rule.score !== null && rule.score < 100).sort((a, b) => (a.score ?? 0) - (b.score ?? 0)).slice(0, WEAKEST);
  if (weakest.length === 0) return null;
  return (
    <>
      <h3>Weakest rules</h3>
      <ul className="weakest-rules">
        {weakest.map((rule) => (
          <li key={rule.ruleId} className="score-cell">
            <Link href={findingsHref(detail.repositoryId, { snapshot: snapshotId, rule: [rule.ruleId] })}>{rule.ruleId}</Link> <ScoreBar score={rule.score} label={`${rule.ruleId} score`} /> {formatScore(rule.score)}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A succeeded scan's result: grade and score, commit and partial reason, findings new and fixed since the previous
 * snapshot, the guide sections as a chart and the weakest rules, with links to the snapshot on the repository page and
 * to its findings. A scan that found its commit already stored shows that snapshot.
 */
export function ScanResult({ scan }: { scan: ScanDto }): JSX.Element {
  const router = useRouter();
  const snapshotId = scan.duplicateOf ?? scan.id;
  const detail = useScan(scan.id);
  const history = useRepositoryHistory(scan.repositoryId, snapshotId);
  const narrow = useMediaQuery("(max-width: 600px)");
  const snapshotHref = `/repositories/${encodeURIComponent(scan.repositoryId)}?snapshot=${encodeURIComponent(snapshotId)}`;
  return (
    <section className="card with-subheads" aria-labelledby="result-heading" data-testid="scan-result">
      <h2 id="result-heading">Result</h2>
      <div className="score-line">
        <GradeBadge score={scan.score} grade={scan.grade} />
        <span className="score" data-testid="scan-score">{formatScore(scan.score)}</span>
        <span className="muted">/ 100</span>
      </div>
      <p className="muted small">
        Commit <code title={scan.commitSha ?? undefined}>{shortSha(scan.commitSha)}</code> · committed {formatDate(scan.committedAt)}
      </p>
      {scan.duplicateOf ? <p className="muted small">This commit was already scanned with the same rules: the stored snapshot is shown.</p> : null}
      {scan.partialReason ? <p className="warn-text small">Partial: {scan.partialReason}</p> : null}
      {detail.data ? <Changes detail={detail.data} snapshotId={snapshotId} /> : null}
      <div className="actions">
        <Link className="button" href={snapshotHref}>
          Open the snapshot
        </Link>
        <Link className="button secondary" href={findingsHref(scan.repositoryId, { snapshot: snapshotId })}>
          Explore its findings
        </Link>
      </div>
      {history.data?.snapshot ? (
        <>
          <h3>Guide sections</h3>
          <SnapshotSectionChart sections={history.data.snapshot.sections} onOpen={() => router.push(snapshotHref)} labelWidth={narrow ? 120 : 210} />
        </>
      ) : null}
      {detail.data ? <WeakestRules detail={detail.data} snapshotId={snapshotId} /> : null}
      {detail.error ? <p className="error-text" role="alert">Could not load the rule results: {detail.error.message}</p> : null}
    </section>
  );
}
