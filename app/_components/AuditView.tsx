"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent, type JSX } from "react";
import { auditQuery, useAuditLog, type AuditFilters } from "../_hooks/useAuditLog";
import type { AuditEventDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";
import { AdminHeader } from "./AdminNav";
import { LoadFailed, Loading } from "./LoadState";
import { TextField } from "./TextField";
import { TableHead } from "./TableHead";

const AUDIT_COLUMNS = ["When", "Who", "Action", "Target", "Details", { title: "Address", isHiddenWhenNarrow: true }];

/** Actions offered in the filter's list: every kind (a trailing dot matches all of its actions) and the common ones. */
const KNOWN_ACTIONS = ["user.", "user.create", "user.update", "user.disable", "token.", "token.create", "token.revoke", "repository.", "repository.register", "repository.update", "repository.delete", "admin.setup"];

/** The CSV export of what the filters select: the newest 500 events (the API's largest page). */
const CSV_LIMIT = "500";

/** An event's details as "key: value" pairs; nested values (a change's from/to) as compact JSON. */
function Details({ details }: { details: Record<string, unknown> }): JSX.Element {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd className="break">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function EventRow({ event }: { event: AuditEventDto }): JSX.Element {
  return (
    <tr data-testid="audit-row">
      <td data-label="When" className="small nowrap">
        {formatDate(event.at)}
      </td>
      <th scope="row" className="audit-actor">
        {event.actorLabel}
        {event.actor.startsWith("user:") ? null : <div className="muted small">{event.actor.startsWith("token:") ? "API token" : event.actor}</div>}
      </th>
      <td data-label="Action">
        <code>{event.action}</code>
      </td>
      <td data-label="Target" className="small break">
        {event.targetType}
        {event.targetId ? <div className="muted">{event.targetId}</div> : null}
      </td>
      <td data-label="Details" className="small full-narrow">
        <Details details={event.details} />
      </td>
      <td data-label="Address" className="small hide-narrow">
        {event.ip ?? "—"}
      </td>
    </tr>
  );
}

function EventTable({ events }: { events: AuditEventDto[] }): JSX.Element {
  return (
    <div className="table-scroll">
      <table className="table stack audit-table">
        <TableHead columns={AUDIT_COLUMNS} />
        <tbody>
          {events.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The events the filters select, a page at a time ("Show older events"), and the CSV of them. */
function AuditEvents({ filters }: { filters: AuditFilters }): JSX.Element {
  const log = useAuditLog(filters);
  if (log.isPending) return <Loading what="the audit log" />;
  if (log.error && !log.data) return <LoadFailed error={log.error} what="the audit log" retry={() => void log.refetch()} resetHref="/admin/audit" />;
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  const filtered = filters.action.trim() !== "" || filters.actor.trim() !== "";
  return (
    <section className="card" aria-labelledby="audit-heading" data-testid="audit-log">
      <div className="section-header">
        <h2 id="audit-heading">
          Events <span className="muted small">{events.length === 0 ? "" : `newest ${events.length}${log.hasNextPage ? ", more older" : ""}`}</span>
        </h2>
        <a className="button secondary" href={`/api/audit?${auditQuery(filters, { format: "csv", limit: CSV_LIMIT })}`} download>
          Download CSV
        </a>
      </div>
      {events.length === 0 ? <p className="empty">{filtered ? "No event matches these filters." : "Nothing recorded yet."}</p> : <EventTable events={events} />}
      {log.error ? <p className="error-text" role="alert">{log.error.message}</p> : null}
      {log.hasNextPage ? (
        <div className="pager">
          <button type="button" className="secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? "Loading…" : "Show older events"}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** The filters live in the URL (`?action=&actor=`), so a filtered log can be linked to. */
function useAuditFilters(): { filters: AuditFilters; apply: (filters: AuditFilters) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = { action: params.get("action") ?? "", actor: params.get("actor") ?? "" };
  const apply = (next: AuditFilters) => {
    const query = auditQuery(next);
    router.replace(query ? `${pathname}?${query}` : pathname);
  };
  return { filters, apply };
}

function AuditFilterForm({ filters, apply }: { filters: AuditFilters; apply: (filters: AuditFilters) => void }): JSX.Element {
  const [action, setAction] = useState(filters.action);
  const [actor, setActor] = useState(filters.actor);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ action, actor });
  };
  const clear = () => {
    setAction("");
    setActor("");
    apply({ action: "", actor: "" });
  };
  return (
    <form className="card filters" role="search" aria-label="Filter the audit log" onSubmit={submit}>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" name="action" list="audit-actions" value={action} onChange={(event) => setAction(event.target.value)} placeholder="any" aria-describedby="action-hint" />
          <span className="muted small" id="action-hint">
            Exact, or a kind ending in a dot: <code>token.</code>
          </span>
        </div>
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
        <TextField label="Who" name="actor" value={actor} onChange={setActor} hint="An email or a token's name, as recorded." />
      </div>
      <div className="form-actions">
        <button type="submit">Filter</button>
        <button type="button" className="secondary" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}

/** `/admin/audit`: who did what and when, newest first; filter by action and actor, page back, download as CSV. */
export function AuditView(): JSX.Element {
  const { filters, apply } = useAuditFilters();
  return (
    <>
      <AdminHeader />
      <AuditFilterForm key={`${filters.action}|${filters.actor}`} filters={filters} apply={apply} />
      <AuditEvents filters={filters} />
    </>
  );
}
