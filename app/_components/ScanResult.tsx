"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { JSX } from "react";
import { useMediaQuery } from "../_hooks/useMediaQuery";
import { useRepositoryHistory } from "../_hooks/useRepositoryHistory";
import { useCanOnRepository } from "../_hooks/useCanOnRepository";
import type { RepositoryHistoryDto, ScanDto } from "../_lib/dto";
import { findingsHref } from "../_lib/finding-filters";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";
import { ScoreBar } from "./RuleResults";
import { SnapshotFindingsSummary } from "./SnapshotFindingsSummary";
import { SnapshotSectionChart } from "./SnapshotSectionChart";
import { FindingsLink } from "./FindingsLink";

const WEAKEST = 5;

type Snapshot = NonNullable<RepositoryHistoryDto["snapshot"]>;

/** The judged rules below 100, lowest score first (then by id), at most WEAKEST. */
function weakestRules(snapshot: Snapshot): Snapshot["sections"][number]["rules"] {
  return snapshot.sections
    .flatMap((section) => section.rules)
    .filter((rule) => rule.score !== null && rule.score < 100)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || a.ruleId.localeCompare(b.ruleId))
    .slice(0, WEAKEST);
}

/** The rules that cost the most, each a link to its findings in this snapshot. */
function WeakestRules({ snapshot, repositoryId }: { snapshot: Snapshot; repositoryId: string }): JSX.Element | null {
  const weakest = weakestRules(snapshot);
  if (weakest.length === 0) return null;
  return (
    <>
      <h3>Weakest rules</h3>
      <ul className="weakest-rules">
        {weakest.map((rule) => (
          <li key={rule.ruleId} className="score-cell">
            <ScoreBar score={rule.score} label={`${rule.ruleId} score`} /> {formatScore(rule.score)}{" "}
            <FindingsLink repositoryId={repositoryId} href={findingsHref(repositoryId, { snapshot: snapshot.scanId, rule: [rule.ruleId] })}>
              {rule.ruleId}
            </FindingsLink>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The snapshot's findings, its guide sections as a chart and its weakest rules, once they have loaded. */
function SnapshotBreakdown({ scan, snapshotId, snapshotHref }: { scan: ScanDto; snapshotId: string; snapshotHref: string }): JSX.Element {
  const router = useRouter();
  const history = useRepositoryHistory(scan.repositoryId, snapshotId);
  const narrow = useMediaQuery("(max-width: 600px)");
  if (history.isPending) return <p className="muted" aria-busy="true">Loading the snapshot…</p>;
  if (history.error) return <p className="error-text" role="alert">Could not load the snapshot: {history.error.message}</p>;
  const snapshot = history.data.snapshot;
  if (!snapshot) return <p className="empty">The snapshot is no longer stored.</p>;
  return (
    <>
      <SnapshotFindingsSummary snapshot={snapshot} repositoryId={scan.repositoryId} linkSnapshot={snapshotId} />
      <h3>Guide sections</h3>
      <SnapshotSectionChart sections={snapshot.sections} onOpen={() => router.push(snapshotHref)} labelWidth={narrow ? 120 : 210} />
      <WeakestRules snapshot={snapshot} repositoryId={scan.repositoryId} />
    </>
  );
}

/**
 * A succeeded scan's result: grade and score, commit and partial reason, findings new and fixed since the previous
 * snapshot, the guide sections as a chart and the weakest rules, with links to the snapshot on the repository page and
 * to its findings. A scan that found its commit already stored shows that snapshot.
 */
export function ScanResult({ scan }: { scan: ScanDto }): JSX.Element {
  const snapshotId = scan.duplicateOf ?? scan.id;
  const snapshotHref = `/repositories/${encodeURIComponent(scan.repositoryId)}?snapshot=${encodeURIComponent(snapshotId)}`;
  const canReadFindings = useCanOnRepository("findings:read", scan.repositoryId);
  return (
    <section className="card with-subheads" aria-labelledby="result-heading" data-testid="scan-result">
      <h2 id="result-heading">Result</h2>
      <ScoreHeadline scan={scan} />
      <div className="actions">
        <Link className="button" href={snapshotHref}>
          Open the snapshot
        </Link>
        {canReadFindings ? (
          <Link className="button secondary" href={findingsHref(scan.repositoryId, { snapshot: snapshotId })}>
            Explore its findings
          </Link>
        ) : null}
      </div>
      <SnapshotBreakdown scan={scan} snapshotId={snapshotId} snapshotHref={snapshotHref} />
    </section>
  );
}

/** Grade and score, the commit, and whether the snapshot was already stored or is partial. */
function ScoreHeadline({ scan }: { scan: ScanDto }): JSX.Element {
  return (
    <>
      <div className="score-line">
        <GradeBadge score={scan.score} grade={scan.grade} />
        <span className="score" data-testid="scan-score">
          {formatScore(scan.score)}
        </span>
        <span className="muted">/ 100</span>
      </div>
      <p className="muted small">
        Commit <code title={scan.commitSha ?? undefined}>{shortSha(scan.commitSha)}</code> · committed {formatDate(scan.committedAt)}
      </p>
      {scan.duplicateOf ? <p className="muted small">This commit was already scanned with the same rules: the stored snapshot is shown.</p> : null}
      {scan.partialReason ? <p className="warn-text small">Partial: {scan.partialReason}</p> : null}
    </>
  );
}
