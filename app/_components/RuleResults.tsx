"use client";
import type { JSX } from "react";
import { useScan } from "../_hooks/useScan";
import type { RuleResultDto, ScanDetailDto } from "../_lib/dto";
import { formatDate, formatScore, shortSha } from "../_lib/format";

function ScoreBar({ score }: { score: number | null }): JSX.Element {
  if (score === null) return <span className="muted">not applicable</span>;
  return (
    <span className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={score} aria-label="rule score">
      <span className="bar-fill" style={{ width: `${score}%` }} />
    </span>
  );
}

function RuleRow({ rule }: { rule: RuleResultDto }): JSX.Element {
  return (
    <tr>
      <td>
        <strong>{rule.ruleId}</strong> <span className="muted small">{rule.guideTags.map((tag) => `[${tag}]`).join(" ")}</span>
        {rule.description ? <div className="muted small">{rule.description}</div> : null}
        {rule.scoring ? (
          <details className="small">
            <summary>How is this computed?</summary>
            {rule.scoring}
          </details>
        ) : null}
      </td>
      <td className="score-cell">
        <ScoreBar score={rule.score} /> {formatScore(rule.score)}
      </td>
      <td>{rule.findingCount === 1 ? "1 finding" : `${rule.findingCount} findings`}</td>
    </tr>
  );
}

function RuleTable({ rules }: { rules: readonly RuleResultDto[] }): JSX.Element {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="rule-results">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Score</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <RuleRow key={rule.ruleId} rule={rule} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Which snapshot the rules belong to: its commit, date and score, and why it is partial if it is. */
function SnapshotCaption({ scan }: { scan: ScanDetailDto }): JSX.Element {
  return (
    <div className="snapshot-caption" data-testid="snapshot-caption">
      <p className="muted small">
        Commit <code title={scan.commitSha ?? undefined}>{shortSha(scan.commitSha)}</code> · {formatDate(scan.committedAt ?? scan.finishedAt)} · score {formatScore(scan.score)} ({scan.grade ?? "—"})
      </p>
      {scan.partialReason ? <p className="warn-text small">Partial snapshot: {scan.partialReason}</p> : null}
    </div>
  );
}

/** The rule results of one snapshot: what the score is made of, under a line saying which snapshot it is. */
export function RuleResults({ scanId }: { scanId: string | null }): JSX.Element {
  const scan = useScan(scanId);
  if (scanId === null) return <p className="empty">Rule results appear after the first successful scan.</p>;
  if (scan.isPending) return <p className="muted">Loading rule results…</p>;
  if (scan.error) return <p className="error-text">{scan.error.message}</p>;
  return (
    <>
      <SnapshotCaption scan={scan.data} />
      <RuleTable rules={scan.data.rules} />
    </>
  );
}
