"use client";
import { useEffect, useId, useRef, useState, type JSX } from "react";
import type { HistoryMode } from "../_hooks/useFindingFilters";
import type { FindingsPageDto } from "../_lib/dto";
import { CLEARED_FILTERS, FINDING_SORTS, hasNarrowingFilters, PAGE_SIZES, SEVERITY_ORDER, type FindingFilters } from "../_lib/finding-filters";
import { SeverityBadge } from "./SeverityBadge";

type Update = (patch: Partial<FindingFilters>, mode?: HistoryMode) => void;

interface FilterProps {
  filters: FindingFilters;
  update: Update;
}

interface FormProps extends FilterProps {
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

/** A <select> of fixed choices in a labelled field; `onChange` gets the chosen value. */
function SelectField<T extends string | number>({ label, value, options, onChange }: { label: string; value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange: (value: string) => void }): JSX.Element {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
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

/**
 * The path field's text: what is typed reaches the URL once typing pauses (replacing the history entry), and a URL
 * change from elsewhere (Back, "Clear filters") resets the field — but not the URL change the field made itself.
 */
function useTypedPath({ filters, update }: FilterProps): [string, (text: string) => void] {
  const [text, setText] = useState(filters.path);
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
  return [text, setText];
}

function PathField(props: FilterProps): JSX.Element {
  const [text, setText] = useTypedPath(props);
  return (
    <Field label="Path starts with">
      {(id) => <input id={id} type="search" value={text} placeholder="src/domain/" spellCheck={false} autoComplete="off" onChange={(event) => setText(event.target.value)} />}
    </Field>
  );
}

/** One choice among the snapshot's values (rules or tags) with their counts; "All" clears it, a hand-made list of several shows as such. */
function FacetSelect({ label, value, options, onChange }: { label: string; value: string[]; options: Array<{ value: string; label: string }>; onChange: (value: string[]) => void }): JSX.Element {
  const selected = value.length === 1 ? (value[0] ?? "") : value.length > 1 ? "__several" : "";
  const extra = value.length > 1 ? [{ value: "__several", label: `${value.length} chosen` }] : selected && !options.some((option) => option.value === selected) ? [{ value: selected, label: `${selected} (0)` }] : [];
  return <SelectField label={label} value={selected} options={[{ value: "", label: "All" }, ...extra, ...options]} onChange={(chosen) => onChange(chosen && chosen !== "__several" ? [chosen] : [])} />;
}

function SeverityChoices({ filters, update, page }: FormProps): JSX.Element {
  const counts = new Map(page?.facets.severities.map((facet) => [facet.severity, facet.count]));
  const toggle = (severity: (typeof SEVERITY_ORDER)[number], isChecked: boolean) =>
    update({ severity: SEVERITY_ORDER.filter((value) => (value === severity ? isChecked : filters.severity.includes(value))) });
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

const changeOptions = (page: FindingsPageDto | undefined) =>
  [
    { value: "all", label: "All findings", count: page?.counts.all },
    { value: "new", label: "New since the previous snapshot", count: page?.counts.new },
    { value: "fixed", label: "Fixed since the previous snapshot", count: page?.counts.fixed },
  ] as const;

/** All findings, or only those new since the previous snapshot, or the previous snapshot's that are gone (fixed). */
function ChangeChoices({ filters, update, page }: FormProps): JSX.Element {
  const name = useId();
  const isComparable = page ? page.previousScanId !== null : true;
  return (
    <fieldset className="choices change-choices">
      <legend>Show</legend>
      {changeOptions(page).map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={name} value={option.value} checked={filters.change === option.value} disabled={option.value !== "all" && !isComparable} onChange={() => update({ change: option.value })} />
          {option.label} {option.count === null || option.count === undefined ? null : <span className="muted small">{option.count}</span>}
        </label>
      ))}
      {isComparable ? null : <span className="muted small">The first snapshot: nothing to compare with.</span>}
    </fieldset>
  );
}

const SORT_LABELS: Record<FindingFilters["sort"], string> = { severity: "severity", file: "file and line", rule: "rule" };

/** Sort key, direction (the sort's own when none was chosen: errors first, A to Z) and page size. */
function SortFields({ filters, update }: FilterProps): JSX.Element {
  const order = filters.order ?? (filters.sort === "severity" ? "desc" : "asc");
  const labels = filters.sort === "severity" ? { desc: "Most severe first", asc: "Least severe first" } : { asc: "A to Z", desc: "Z to A" };
  const sizes = [...new Set([...PAGE_SIZES, filters.pageSize])].sort((a, b) => a - b);
  return (
    <>
      <SelectField label="Sort by" value={filters.sort} options={FINDING_SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] }))} onChange={(sort) => update({ sort: sort as FindingFilters["sort"], order: null })} />
      <SelectField label="Order" value={order} options={[{ value: "desc", label: labels.desc }, { value: "asc", label: labels.asc }]} onChange={(chosen) => update({ order: chosen as "asc" | "desc" })} />
      <SelectField label="Per page" value={filters.pageSize} options={sizes.map((size) => ({ value: size, label: String(size) }))} onChange={(size) => update({ pageSize: Number(size) })} />
    </>
  );
}

const SUPPRESSED_OPTIONS = [
  { value: "include", label: "included" },
  { value: "exclude", label: "hidden" },
  { value: "only", label: "only suppressed" },
] as const;

/** Rule and guide tag (with the snapshot's counts), path prefix and suppressed findings. */
function NarrowingFields({ filters, update, page }: FormProps): JSX.Element {
  const rules = (page?.facets.rules ?? []).map((facet) => ({ value: facet.ruleId, label: `${facet.ruleId} (${facet.count})` }));
  const tags = (page?.facets.tags ?? []).map((facet) => ({ value: facet.tag, label: `[${facet.tag}] (${facet.count})` }));
  return (
    <div className="filter-grid">
      <FacetSelect label="Rule" value={filters.rule} options={rules} onChange={(rule) => update({ rule })} />
      <FacetSelect label="Guide tag" value={filters.tag} options={tags} onChange={(tag) => update({ tag })} />
      <PathField filters={filters} update={update} />
      <SelectField label="Suppressed" value={filters.suppressed} options={SUPPRESSED_OPTIONS} onChange={(suppressed) => update({ suppressed: suppressed as FindingFilters["suppressed"] })} />
    </div>
  );
}

/** "Clear filters" while anything narrows the list. */
function ClearFilters({ filters, update }: FilterProps): JSX.Element {
  return (
    <div className="filter-actions">
      {hasNarrowingFilters(filters) ? (
        <button type="button" className="secondary" onClick={() => update(CLEARED_FILTERS)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/**
 * The findings explorer's filters: rule, guide tag, severity, path prefix, suppressed findings, new or fixed since the
 * previous snapshot, sort and page size. Every change goes to the URL at once (typing in the path field after a pause),
 * and a filter change goes back to the first page. Counts are the whole snapshot's.
 */
export function FindingFiltersForm(props: FormProps): JSX.Element {
  return (
    <form className="card filters" role="search" aria-label="Filter findings" onSubmit={(event) => event.preventDefault()}>
      <NarrowingFields {...props} />
      <div className="filter-row">
        <SeverityChoices {...props} />
        <ChangeChoices {...props} />
      </div>
      <div className="filter-grid">
        <SortFields filters={props.filters} update={props.update} />
        <ClearFilters filters={props.filters} update={props.update} />
      </div>
    </form>
  );
}
