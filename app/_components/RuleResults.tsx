"use client";
import type { JSX } from "react";
import { useMediaQuery } from "../_hooks/useMediaQuery";
import { useRepositoryHistory } from "../_hooks/useRepositoryHistory";
import { useScan } from "../_hooks/useScan";
import type { RepositoryHistoryDto, ScanDetailDto, SnapshotRuleDto } from "../_lib/dto";
import { findingsHref } from "../_lib/finding-filters";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { SnapshotFindingsSummary } from "./SnapshotFindingsSummary";
import { SnapshotSectionChart } from "./SnapshotSectionChart";
import { ScoringDetails } from "./ScoringDetails";
import { FindingsLink } from "./FindingsLink";

type Section = NonNullable<RepositoryHistoryDto["snapshot"]>["sections"][number];

/** The snapshot rules and findings link to: null for the current one (links then follow the latest snapshot). */
interface SnapshotLinks {
  repositoryId: string;
  linkSnapshot: string | null;
}

/** A rule's (or section's) 0–100 score as a bar; "not applicable" in words, never an empty bar that reads as zero. */
export function ScoreBar({ score, label }: { score: number | null; label: string }): JSX.Element {
  if (score === null) return <span className="muted">not applicable</span>;
  return (
    <span className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={score} aria-label={label}>
      <span className="bar-fill" style={{ width: `${score}%` }} />
    </span>
  );
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The rule's counted findings as a link into the explorer filtered by the rule; suppressed ones beside it. */
function FindingsCell({ rule, repositoryId, linkSnapshot }: { rule: SnapshotRuleDto } & SnapshotLinks): JSX.Element {
  const total = rule.findingCount + rule.suppressedCount;
  return (
    <>
      {total === 0 ? (
        <span className="muted">0 findings</span>
      ) : (
        <FindingsLink repositoryId={repositoryId} href={findingsHref(repositoryId, { snapshot: linkSnapshot, rule: [rule.ruleId] })} aria-label={`${plural(rule.findingCount, "finding")} of ${rule.ruleId}: open in the findings explorer`}>
          {plural(rule.findingCount, "finding")}
        </FindingsLink>
      )}
      {rule.suppressedCount > 0 ? <div className="muted small">{rule.suppressedCount} suppressed</div> : null}
    </>
  );
}

/** The rule's id and guide tags, what it checks and, folded, how its score is computed. */
function RuleCell({ rule }: { rule: SnapshotRuleDto }): JSX.Element {
  return (
    <td>
      <strong>{rule.ruleId}</strong> <span className="muted small">{rule.guideTags.map((tag) => `[${tag}]`).join(" ")}</span>
      {rule.description ? <div className="muted small">{rule.description}</div> : null}
      <ScoringDetails scoring={rule.scoring} />
    </td>
  );
}

function RuleRow({ rule, ...links }: { rule: SnapshotRuleDto } & SnapshotLinks): JSX.Element {
  return (
    <tr data-rule-id={rule.ruleId}>
      <RuleCell rule={rule} />
      <td className="nowrap">{rule.weight}</td>
      <td className="score-cell">
        <ScoreBar score={rule.score} label={`${rule.ruleId} score`} /> {formatScore(rule.score)}
      </td>
      <td className="nowrap">
        <FindingsCell rule={rule} {...links} />
      </td>
    </tr>
  );
}

/** A section's rows: a heading row with the section's score, then its rules. */
function SectionRows({ section, ...links }: { section: Section } & SnapshotLinks): JSX.Element {
  return (
    <tbody id={`section-${section.id}`} className="section-group" tabIndex={-1}>
      <tr className="section-row">
        <th scope="rowgroup" colSpan={4}>
          <span className="section-title">
            {section.number}. {section.title}
          </span>
          <span className="section-score">
            <ScoreBar score={section.score} label={`${section.title} score`} /> {formatScore(section.score)}
          </span>
        </th>
      </tr>
      {section.rules.map((rule) => (
        <RuleRow key={rule.ruleId} rule={rule} {...links} />
      ))}
    </tbody>
  );
}

function RuleTable({ sections, ...links }: { sections: readonly Section[] } & SnapshotLinks): JSX.Element {
  return (
    <div className="table-scroll">
      <table className="table rules-table" data-testid="rule-results">
        <caption className="visually-hidden">Rule results by guide section</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Weight</th>
            <th scope="col">Score</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        {sections.map((section) => (
          <SectionRows key={section.id} section={section} {...links} />
        ))}
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

/** Scrolls the rule table to a section and moves the focus there, so keyboard users land where the click pointed. */
function openSection(sectionId: string): void {
  const group = document.getElementById(`section-${sectionId}`);
  group?.scrollIntoView({ block: "start", behavior: "smooth" });
  group?.focus({ preventScroll: true });
}

/**
 * The rule results of one snapshot: which snapshot it is, its findings (new and fixed since the one before, as links
 * into the findings explorer), a chart of its guide sections and every rule grouped by section with tags, weight,
 * score bar and findings — each count opens the explorer filtered by that rule. `isCurrent` makes links follow the
 * latest snapshot instead of naming this one.
 */
export function RuleResults({ repositoryId, scanId, isCurrent }: { repositoryId: string; scanId: string | null; isCurrent: boolean }): JSX.Element {
  const scan = useScan(scanId);
  const history = useRepositoryHistory(repositoryId, scanId);
  if (scanId === null) return <p className="empty">Rule results appear after the first successful scan.</p>;
  if (scan.isPending || history.isPending) return <p className="muted" aria-busy="true">Loading rule results…</p>;
  const error = scan.error ?? history.error;
  if (error) return <p className="error-text" role="alert">Could not load the rule results: {error.message}</p>;
  const snapshot = history.data?.snapshot;
  if (!scan.data || !snapshot) return <p className="empty">This snapshot has no rule results.</p>;
  return <SnapshotRules scan={scan.data} snapshot={snapshot} isStale={history.isPlaceholderData} repositoryId={repositoryId} linkSnapshot={isCurrent ? null : snapshot.scanId} />;
}

/** A loaded snapshot: caption, findings summary, section chart and the rule table (dimmed while the next one loads). */
function SnapshotRules({ scan, snapshot, isStale, ...links }: { scan: ScanDetailDto; snapshot: NonNullable<RepositoryHistoryDto["snapshot"]>; isStale: boolean } & SnapshotLinks): JSX.Element {
  const isNarrow = useMediaQuery("(max-width: 600px)");
  return (
    <div className={isStale ? "is-stale" : undefined}>
      <SnapshotCaption scan={scan} />
      <SnapshotFindingsSummary snapshot={snapshot} {...links} />
      <SnapshotSectionChart sections={snapshot.sections} onOpen={openSection} labelWidth={isNarrow ? 120 : 210} />
      <RuleTable sections={snapshot.sections} {...links} />
    </div>
  );
}
