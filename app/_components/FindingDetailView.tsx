"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { JSX } from "react";
import { useFinding } from "../_hooks/useFinding";
import { ApiError } from "../_lib/api-client";
import type { FindingDetailDto } from "../_lib/dto";
import { findingFiltersQuery, findingsHref, parseFindingFilters } from "../_lib/finding-filters";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { formatLines } from "./FindingList";
import { InlineText } from "./InlineText";
import { NotAllowed } from "./NotAllowed";
import { ScoreBar } from "./RuleResults";
import { SeverityBadge } from "./SeverityBadge";
import { ScoringDetails } from "./ScoringDetails";

type Detail = { finding: FindingDetailDto };

function Paragraphs({ paragraphs }: { paragraphs: readonly string[] }): JSX.Element {
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>
          <InlineText text={paragraph} />
        </p>
      ))}
    </>
  );
}

/** Each line of the snippet numbered from `first`; the numbers are left out of a copy and of what is read as code. */
function SnippetLines({ lines, first }: { lines: readonly string[]; first: number }): JSX.Element {
  return (
    <code>
      {lines.map((text, index) => (
        <span className="snippet-line" key={index}>
          <span className="snippet-number" aria-hidden="true">
            {first + index}
          </span>
          <span className="snippet-text">{text}</span>
          {"\n"}
        </span>
      ))}
    </code>
  );
}

/** The stored snippet (redacted by the engine) as text in a <pre>, numbered from the finding's first line. */
function Snippet({ finding }: Detail): JSX.Element {
  if (finding.snippet === null) {
    return <p className="muted">This rule stores no excerpt of the code. The finding is at {formatLines(finding.line, finding.endLine)} of the file above.</p>;
  }
  const lines = finding.snippet.split("\n");
  return (
    <pre className="snippet" data-testid="finding-snippet" aria-label={`Code at ${formatLines(finding.line, finding.line + lines.length - 1)}`}>
      <SnippetLines lines={lines} first={finding.line} />
    </pre>
  );
}

/** Kept and counted but left out of the score: by an inline comment (its line) or the configuration, with the reason. */
function Suppression({ suppressed }: { suppressed: NonNullable<FindingDetailDto["suppressed"]> }): JSX.Element {
  const where = suppressed.kind === "config" ? "by the repository's configuration (heimdall.config.json)" : `by a heimdall-ignore comment${suppressed.line ? ` on line ${suppressed.line}` : ""}`;
  return (
    <section className="card suppression" aria-labelledby="suppression-heading" data-testid="finding-suppression">
      <h2 id="suppression-heading">Suppressed</h2>
      <p>Suppressed {where}: it is kept and counted, but not scored.</p>
      {suppressed.reason ? (
        <p>
          Reason: <q className="break">{suppressed.reason}</q>
        </p>
      ) : null}
    </section>
  );
}

/** The guide's words for the rule and why it matters, from the analyzer's README. */
function GuideWords({ guidance }: { guidance: FindingDetailDto["rule"]["guidance"] }): JSX.Element | null {
  if (!guidance) return null;
  return (
    <>
      {guidance.guide ? (
        <blockquote className="guide-quote">
          <InlineText text={guidance.guide} />
        </blockquote>
      ) : null}
      {guidance.why.length ? <h3>Why it matters</h3> : null}
      <Paragraphs paragraphs={guidance.why} />
    </>
  );
}

/** The guide section and rules the finding breaks, in the guide's own words. */
function GuideCard({ finding }: Detail): JSX.Element {
  return (
    <section className="card with-subheads" aria-labelledby="guide-heading" data-testid="finding-guide">
      <h2 id="guide-heading">What the guide asks</h2>
      <p>
        Section <strong>{`${finding.section.number}. ${finding.section.title}`}</strong>
      </p>
      <ul className="tag-list">
        {finding.tags.map((tag) => (
          <li key={tag.tag}>
            <code>[{tag.tag}]</code> {tag.title ?? ""}
          </li>
        ))}
      </ul>
      <GuideWords guidance={finding.rule.guidance} />
    </section>
  );
}

/** The rule's score and weight in the finding's snapshot, and a link to all its findings there. */
function RuleFacts({ finding }: Detail): JSX.Element {
  const { rule } = finding;
  const facts: Array<[string, JSX.Element]> = [
    ["Score in this snapshot", <span key="score" className="score-cell"><ScoreBar score={rule.score} label={`${finding.ruleId} score`} /> {formatScore(rule.score)}</span>],
    ["Weight", <span key="weight">{rule.weight ?? "—"}</span>],
    ["Findings", <Link key="findings" href={findingsHref(finding.repository.id, { snapshot: finding.snapshot.scanId, rule: [finding.ruleId] })}>{rule.findingCount === null ? "all of this rule" : `${rule.findingCount} of this rule`}</Link>],
  ];
  return (
    <dl className="fact-grid rule-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RuleCard({ finding }: Detail): JSX.Element {
  const { rule } = finding;
  return (
    <section className="card with-subheads" aria-labelledby="rule-heading" data-testid="finding-rule">
      <h2 id="rule-heading">
        Rule <code>{finding.ruleId}</code>
      </h2>
      {rule.description ? <p>{rule.description}</p> : null}
      <RuleFacts finding={finding} />
      <ScoringDetails scoring={rule.scoring} />
      <h3>How to fix it</h3>
      {rule.guidance?.howToFix.length ? <Paragraphs paragraphs={rule.guidance.howToFix} /> : <p className="muted">This rule's documentation has no advice on fixing a finding.</p>}
    </section>
  );
}

/** Which snapshot holds the finding, whether it is new since the one before, and when Heimdall first saw it. */
function HistoryLine({ finding }: Detail): JSX.Element {
  const snapshotHref = (scanId: string) => `/repositories/${encodeURIComponent(finding.repository.id)}?snapshot=${encodeURIComponent(scanId)}`;
  const change = { new: "New since the previous snapshot.", unchanged: "Also in the previous snapshot.", none: "" }[finding.change ?? "none"];
  const first = finding.firstSeen && finding.firstSeen.scanId !== finding.snapshot.scanId ? finding.firstSeen : null;
  return (
    <p className="muted small" data-testid="finding-history">
      In the snapshot of commit <Link href={snapshotHref(finding.snapshot.scanId)}><code>{shortSha(finding.snapshot.commitSha)}</code></Link> ({formatDate(finding.snapshot.at)}). {change}
      {first ? (
        <>
          {" "}
          First seen in commit <Link href={snapshotHref(first.scanId)}><code>{shortSha(first.commitSha)}</code></Link> ({formatDate(first.at)}).
        </>
      ) : null}
    </p>
  );
}

/** Back to the explorer as it was left: the same filters, read from this page's URL and written back by the same rules. */
function Breadcrumb({ finding }: Detail): JSX.Element {
  const searchParams = useSearchParams();
  const explorerQuery = findingFiltersQuery(parseFindingFilters(new URLSearchParams(searchParams.toString()))).toString();
  const repositoryHref = `/repositories/${encodeURIComponent(finding.repository.id)}`;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb small">
      <Link href={repositoryHref}>{finding.repository.name}</Link>
      {" › "}
      <Link href={`${repositoryHref}/findings${explorerQuery ? `?${explorerQuery}` : ""}`}>Findings</Link>
    </nav>
  );
}

function FindingHeader({ finding }: Detail): JSX.Element {
  return (
    <header className="title-block finding-header">
      <Breadcrumb finding={finding} />
      <div className="badges">
        <SeverityBadge severity={finding.severity} />
        {finding.change === "new" ? <span className="badge badge-new">new</span> : null}
        {finding.suppressed ? <span className="badge badge-suppressed">suppressed</span> : null}
      </div>
      <h1 className="finding-title break">
        <InlineText text={finding.message} />
      </h1>
      <p className="finding-where">
        <code className="break" data-testid="finding-file">{finding.file}</code> · {formatLines(finding.line, finding.endLine)}
      </p>
      <HistoryLine finding={finding} />
    </header>
  );
}

function FindingBody({ finding }: Detail): JSX.Element {
  return (
    <>
      <FindingHeader finding={finding} />
      <section className="card" aria-labelledby="code-heading">
        <h2 id="code-heading">Code</h2>
        <Snippet finding={finding} />
      </section>
      {finding.suppressed ? <Suppression suppressed={finding.suppressed} /> : null}
      <div className="detail-grid">
        <RuleCard finding={finding} />
        <GuideCard finding={finding} />
      </div>
      <p className="muted small">
        Fingerprint <code>{finding.fingerprint}</code>: the same finding keeps it across edits that only move it.
      </p>
    </>
  );
}

/**
 * One finding: its message, file and lines, the stored (redacted) snippet with line numbers, the guide section and
 * rules it breaks in the guide's words, the rule's score in the snapshot and how to fix the finding, and its
 * suppression when it has one. Everything from the repository is shown as text.
 */
export function FindingDetailView({ findingId, initial }: { findingId: string; initial?: FindingDetailDto }): JSX.Element {
  const query = useFinding(findingId, initial);
  if (query.isPending) return <p className="muted" aria-busy="true">Loading the finding…</p>;
  // The role or team can change while the page is open: the server's refusal then replaces the finding.
  if (query.error instanceof ApiError && query.error.status === 403) return <NotAllowed reason={query.error.message} />;
  if (query.error) return <p className="error-text" role="alert">Could not load the finding: {query.error.message}</p>;
  return <FindingBody finding={query.data} />;
}
