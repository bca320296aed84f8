"use client";
import Link from "next/link";
import type { JSX, KeyboardEvent } from "react";
import type { FindingItemDto, FindingsPageDto } from "../_lib/dto";
import { InlineText } from "./InlineText";
import { SeverityBadge } from "./SeverityBadge";

/** Lines as "line 12" or "lines 12–30". */
export function formatLines(line: number, endLine: number): string {
  return endLine > line ? `lines ${line}–${endLine}` : `line ${line}`;
}

/** ↑ and ↓ (and Home/End) move between the findings' links, so a long page is walked without tabbing through every control. */
function onListKey(event: KeyboardEvent<HTMLOListElement>): void {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a.finding-link")];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index < 0) return;
  const targets: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: links.length - 1 };
  const target = targets[event.key];
  if (target === undefined) return;
  event.preventDefault();
  links[Math.max(0, Math.min(links.length - 1, target))]?.focus();
}

/** Change and suppression of a finding as small badges: new since the previous snapshot, fixed, suppressed. */
function FindingBadges({ finding }: { finding: FindingItemDto }): JSX.Element {
  return (
    <>
      {finding.change === "new" ? <span className="badge badge-new">new</span> : null}
      {finding.change === "fixed" ? <span className="badge badge-fixed">fixed</span> : null}
      {finding.suppressed ? (
        <span className="badge badge-suppressed" title={finding.suppressed.reason ?? undefined}>
          suppressed
        </span>
      ) : null}
    </>
  );
}

/** One finding: severity, rule and tags, the message (a link to its detail) and where it is. Repository text is plain text. */
function FindingItem({ finding, detailHref }: { finding: FindingItemDto; detailHref: string }): JSX.Element {
  return (
    <li className="finding" data-finding-id={finding.id}>
      <div className="finding-head">
        <SeverityBadge severity={finding.severity} />
        <span className="finding-rule">{finding.ruleId}</span>
        <span className="muted small">{finding.guideTags.map((tag) => `[${tag}]`).join(" ")}</span>
        <FindingBadges finding={finding} />
      </div>
      <Link href={detailHref} className="finding-link">
        <InlineText text={finding.message} />
      </Link>
      <div className="finding-location muted small">
        <code className="break">{finding.file}</code> · {formatLines(finding.line, finding.endLine)}
      </div>
    </li>
  );
}

/**
 * A page of findings as a list; each links to its detail (`detailHref`, which keeps the explorer's filters for the way
 * back). ↑/↓ move between them.
 */
export function FindingList({ items, detailHref }: { items: readonly FindingItemDto[]; detailHref: (finding: FindingItemDto) => string }): JSX.Element {
  return (
    <ol className="finding-list" data-testid="finding-list" onKeyDown={onListKey}>
      {items.map((finding) => (
        <FindingItem key={finding.id} finding={finding} detailHref={detailHref(finding)} />
      ))}
    </ol>
  );
}

/** "Previous · Page 2 of 5 · Next" under the list; nothing when everything fits on one page. */
export function FindingsPager({ page, onPage }: { page: FindingsPageDto; onPage: (page: number) => void }): JSX.Element | null {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages === 1 && page.page === 1) return null;
  return (
    <nav className="pager" aria-label="Findings pages">
      <button type="button" className="secondary" onClick={() => onPage(page.page - 1)} disabled={page.page <= 1}>
        Previous
      </button>
      <span className="muted small" data-testid="findings-page">
        Page {page.page} of {pages}
      </span>
      <button type="button" className="secondary" onClick={() => onPage(page.page + 1)} disabled={page.page >= pages}>
        Next
      </button>
    </nav>
  );
}
