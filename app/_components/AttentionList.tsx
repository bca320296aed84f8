import Link from "next/link";
import type { JSX } from "react";
import { formatAge, plural } from "../_lib/dashboard-format";
import type { AttentionDto, OverviewDto } from "../_lib/dto";
import { repositoryHref } from "../_lib/filters";
import { formatDate } from "../_lib/format";
import { LastScan } from "./LastScan";

/** Why the repository is listed: its latest scan failed, or it has not been scanned successfully for a while. */
function Reason({ item, staleAfterDays }: { item: AttentionDto; staleAfterDays: number }): JSX.Element {
  if (item.reason === "failed") return <span className="badge badge-failed">last scan failed</span>;
  return (
    <span className="badge badge-stale" title={`No successful scan for more than ${staleAfterDays} days`}>
      stale
    </span>
  );
}

function AttentionRow({ item, staleAfterDays }: { item: AttentionDto; staleAfterDays: number }): JSX.Element {
  return (
    <tr>
      <th scope="row">
        <Link href={repositoryHref(item.id)}>{item.name}</Link>
        <div className="muted small">{item.team.name}</div>
      </th>
      <td>
        <Reason item={item} staleAfterDays={staleAfterDays} />
        {item.reason === "failed" && item.lastScan?.error ? <p className="cell-text muted">{item.lastScan.error}</p> : null}
      </td>
      <td>
        <LastScan scan={item.lastScan} />
      </td>
      <td className="small" title={formatDate(item.lastSucceededAt)}>
        {item.lastSucceededAt ? formatAge(item.lastSucceededAt) : "never"}
      </td>
    </tr>
  );
}

/**
 * Repositories that need a look now, whatever the period: failed latest scans first (dead letters among them first),
 * then those without a successful scan for longer than the stale limit. Repository text (names, errors) is plain text.
 */
export function AttentionList({ attention }: { attention: OverviewDto["attention"] }): JSX.Element {
  if (attention.total === 0) return <p className="empty">Every repository’s last scan succeeded within the last {attention.staleAfterDays} days.</p>;
  return (
    <>
      <p className="muted small" data-testid="attention-total">
        {plural(attention.total, "repository", "repositories")}
        {attention.total > attention.items.length ? `, the first ${attention.items.length} shown` : ""}.
      </p>
      <div className="table-scroll">
        <table className="table" data-testid="attention">
          <thead>
            <tr>
              <th scope="col">Repository</th>
              <th scope="col">Why</th>
              <th scope="col">Last scan</th>
              <th scope="col">Last success</th>
            </tr>
          </thead>
          <tbody>
            {attention.items.map((item) => (
              <AttentionRow key={item.id} item={item} staleAfterDays={attention.staleAfterDays} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
