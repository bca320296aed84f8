"use client";
import { useEffect, useId, useRef, useState, type JSX } from "react";
import type { HistoryMode } from "../_hooks/useFindingFilters";
import type { FindingsPageDto } from "../_lib/dto";
import { CLEARED_FILTERS, FINDING_SORTS, hasNarrowingFilters, PAGE_SIZES, SEVERITY_ORDER, type FindingFilters } from "../_lib/finding-filters";
import { SeverityBadge } from "./SeverityBadge";

type Update = (patch: Partial<FindingFilters>, mode?: HistoryMode) => void;

interface FormProps {
  filters: FindingFilters;
  update: Update;
  /** The snapshot's counts and facets (whatever the filters), once the first page has arrived. */
  page: FindingsPageDto | undefined;
}

const PATH_TYPING_DELAY_MS = 300;

/** A labelled control whose accessible name is the label alone (a <select> inside its <label> would add its options). */
function Field({ label, children }: { label: string; children: (id: string) => JSX.Element }): JSX.Element {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A path prefix typed in the field reaches the URL (and the query) once typing pauses, replacing the history entry. */
function PathField({ filters, update }: Omit<FormProps, "page">): JSX.Element {
  const [text, setText] = useState(filters.path);
  // The value last sent to the URL: a URL change from elsewhere (Back, "Clear filters") resets the field, our own does not.
  const sent = useRef(filters.path);
  useEffect(() => {
    if (filters.path === sent.current) return;
    sent.current = filters.path;
    setText(filters.path);
  }, [filters.path]);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      update({ path: text }, "replace");
    }, PATH_TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, update]);
  return (
    <Field label="Path starts with">
      {(id) => <input id={id} type="search" value={text} placeholder="src/domain/" spellCheck={false} autoComplete="off" onChange={(event) => setText(event.target.value)} />}
    </Field>
  );
}

/** One choice among the snapshot's values (rules or tags) with their counts; "All" clears it. */
function FacetSelect({ label, value, options, onChange }: { label: string; value: string[]; options: Array<{ value: string; label: string }>; onChange: (value: string[]) => void }): JSX.Element {
  const selected = value.length === 1 ? (value[0] ?? "") : "";
  const known = options.some((option) => option.value === selected);
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value.length > 1 ? "__several" : selected} onChange={(event) => onChange(event.target.value ? [event.target.value] : [])}>
          <option value="">All</option>
          {value.length > 1 ? <option value="__several" disabled>{`${value.length} chosen`}</option> : null}
          {selected && !known ? <option value={selected}>{`${selected} (0)`}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function SeverityChoices({ filters, update, page }: FormProps): JSX.Element {
  const counts = new Map(page?.facets.severities.map((facet) => [facet.severity, facet.count]));
  const toggle = (severity: (typeof SEVERITY_ORDER)[number], on: boolean) =>
    update({ severity: SEVERITY_ORDER.filter((value) => (value === severity ? on : filters.severity.includes(value))) });
  return (
    <fieldset className="choices">
      <legend>Severity</legend>
      {SEVERITY_ORDER.map((severity) => (
        <label key={severity} className="choice">
          <input type="checkbox" checked={filters.severity.includes(severity)} onChange={(event) => toggle(severity, event.target.checked)} />
          <SeverityBadge severity={severity} /> <span className="muted small">{counts.get(severity) ?? 0}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** All findings, or only those new since the previous snapshot, or the previous snapshot's that are gone (fixed). */
function ChangeChoices({ filters, update, page }: FormProps): JSX.Element {
  const name = useId();
  const comparable = page ? page.previousScanId !== null : true;
  const options = [
    { value: "all", label: "All findings", count: page?.counts.all },
    { value: "new", label: "New since the previous snapshot", count: page?.counts.new },
    { value: "fixed", label: "Fixed since the previous snapshot", count: page?.counts.fixed },
  ] as const;
  return (
    <fieldset className="choices change-choices">
      <legend>Show</legend>
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={name} value={option.value} checked={filters.change === option.value} disabled={option.value !== "all" && !comparable} onChange={() => update({ change: option.value })} />
          {option.label} {option.count === null || option.count === undefined ? null : <span className="muted small">{option.count}</span>}
        </label>
      ))}
      {comparable ? null : <span className="muted small">The first snapshot: nothing to compare with.</span>}
    </fieldset>
  );
}

/** Sort key and direction; the direction shown is the sort's own when none was chosen (errors first, A to Z). */
function SortFields({ filters, update }: Omit<FormProps, "page">): JSX.Element {
  const order = filters.order ?? (filters.sort === "severity" ? "desc" : "asc");
  const orderLabels = filters.sort === "severity" ? { desc: "Most severe first", asc: "Least severe first" } : { asc: "A to Z", desc: "Z to A" };
  return (
    <>
      <Field label="Sort by">
        {(id) => (
          <select id={id} value={filters.sort} onChange={(event) => update({ sort: event.target.value as FindingFilters["sort"], order: null })}>
            {FINDING_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {sort === "file" ? "file and line" : sort}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Order">
        {(id) => (
          <select id={id} value={order} onChange={(event) => update({ order: event.target.value as "asc" | "desc" })}>
            <option value="desc">{orderLabels.desc}</option>
            <option value="asc">{orderLabels.asc}</option>
          </select>
        )}
      </Field>
      <Field label="Per page">
        {(id) => (
          <select id={id} value={filters.pageSize} onChange={(event) => update({ pageSize: Number(event.target.value) })}>
            {[...new Set([...PAGE_SIZES, filters.pageSize])].sort((a, b) => a - b).map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

/**
 * The findings explorer's filters: rule, guide tag, severity, path prefix, suppressed findings, new or fixed since the
 * previous snapshot, sort and page size. Every change goes to the URL at once (typing in the path field after a pause),
 * and a filter change goes back to the first page. Counts are the whole snapshot's.
 */
export function FindingFiltersForm({ filters, update, page }: FormProps): JSX.Element {
  const rules = (page?.facets.rules ?? []).map((facet) => ({ value: facet.ruleId, label: `${facet.ruleId} (${facet.count})` }));
  const tags = (page?.facets.tags ?? []).map((facet) => ({ value: facet.tag, label: `[${facet.tag}] (${facet.count})` }));
  return (
    <form className="card filters" role="search" aria-label="Filter findings" onSubmit={(event) => event.preventDefault()}>
      <div className="filter-grid">
        <FacetSelect label="Rule" value={filters.rule} options={rules} onChange={(rule) => update({ rule })} />
        <FacetSelect label="Guide tag" value={filters.tag} options={tags} onChange={(tag) => update({ tag })} />
        <PathField filters={filters} update={update} />
        <Field label="Suppressed">
          {(id) => (
            <select id={id} value={filters.suppressed} onChange={(event) => update({ suppressed: event.target.value as FindingFilters["suppressed"] })}>
              <option value="include">included</option>
              <option value="exclude">hidden</option>
              <option value="only">only suppressed</option>
            </select>
          )}
        </Field>
      </div>
      <div className="filter-row">
        <SeverityChoices filters={filters} update={update} page={page} />
        <ChangeChoices filters={filters} update={update} page={page} />
      </div>
      <div className="filter-grid">
        <SortFields filters={filters} update={update} />
        <div className="filter-actions">
          {hasNarrowingFilters(filters) ? (
            <button type="button" className="secondary" onClick={() => update(CLEARED_FILTERS)}>
              Clear filters
            </button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
