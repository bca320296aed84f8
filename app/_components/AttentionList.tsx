"use client";
import Link from "next/link";
import { useState, type JSX } from "react";
import { formatAge, plural } from "../_lib/dashboard-format";
import type { AttentionDto, OverviewDto } from "../_lib/dto";
import { repositoryHref } from "../_lib/filters";
import { formatDate } from "../_lib/format";
import { TableHead } from "./TableHead";

/** Rows shown before "Show all": the failed ones come first, so they are always among them. */
const FIRST_ROWS = 10;

/** What is wrong: the latest scan failed (and the queue gave up on it), or no scan succeeded for a while. */
function Problem({ item, staleAfterDays }: { item: AttentionDto; staleAfterDays: number }): JSX.Element {
  if (item.reason === "stale") {
    return (
      <span className="badge badge-stale" title={`No successful scan for more than ${staleAfterDays} days`}>
        stale
      </span>
    );
  }
  return (
    <>
      <span className="badges">
        <span className="badge badge-failed">scan failed</span>
        {item.lastScan?.deadLettered ? <span className="badge badge-dead">dead letter</span> : null}
      </span>
      {item.lastScan?.error ? <p className="cell-text muted">{item.lastScan.error}</p> : null}
    </>
  );
}

function When({ iso, never = "never" }: { iso: string | null | undefined; never?: string }): JSX.Element {
  return <span title={formatDate(iso)}>{iso ? formatAge(iso) : never}</span>;
}

function AttentionRow({ item, staleAfterDays }: { item: AttentionDto; staleAfterDays: number }): JSX.Element {
  return (
    <tr data-reason={item.reason}>
      <th scope="row">
        <Link href={repositoryHref(item.id)} prefetch={false}>{item.name}</Link>
        <div className="muted small">{item.team.name}</div>
      </th>
      <td className="full-narrow">
        <Problem item={item} staleAfterDays={staleAfterDays} />
      </td>
      <td className="small nowrap" data-label="last scan">
        <When iso={item.lastScan ? (item.lastScan.finishedAt ?? item.lastScan.queuedAt) : null} />
      </td>
      <td className="small nowrap" data-label="last success">
        <When iso={item.lastSucceededAt} />
      </td>
    </tr>
  );
}

/** How many need a look and why; the list holds at most the first 50. */
function AttentionSummary({ attention }: { attention: OverviewDto["attention"] }): JSX.Element {
  const failed = attention.items.filter((item) => item.reason === "failed").length;
  const listed = attention.total > attention.items.length ? `; the first ${attention.items.length} are listed` : "";
  return (
    <p className="muted small" data-testid="attention-total">
      {plural(attention.total, "repository", "repositories")}: {failed} whose last scan failed, {attention.items.length - failed} stale (no successful scan for {attention.staleAfterDays} days){listed}.
    </p>
  );
}

function AttentionTable({ items, staleAfterDays }: { items: readonly AttentionDto[]; staleAfterDays: number }): JSX.Element {
  return (
    <div className="table-scroll">
      <table className="table stack" data-testid="attention">
        <TableHead columns={["Repository", "Problem", "Last scan", "Last success"]} />
        <tbody>
          {items.map((item) => (
            <AttentionRow key={item.id} item={item} staleAfterDays={staleAfterDays} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Repositories that need a look now, whatever the period: failed latest scans first (dead letters among them first),
 * then those without a successful scan for longer than the stale limit; the first ten, and the rest on request.
 * Repository text (names, error messages) is plain text.
 */
export function AttentionList({ attention }: { attention: OverviewDto["attention"] }): JSX.Element {
  const [showAll, setShowAll] = useState(false);
  if (attention.total === 0) return <p className="empty">Every repository’s last scan succeeded within the last {attention.staleAfterDays} days.</p>;
  const hasMore = attention.items.length > FIRST_ROWS;
  return (
    <>
      <AttentionSummary attention={attention} />
      <AttentionTable items={showAll ? attention.items : attention.items.slice(0, FIRST_ROWS)} staleAfterDays={attention.staleAfterDays} />
      {hasMore ? (
        <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${attention.items.length}`}
        </button>
      ) : null}
    </>
  );
}
