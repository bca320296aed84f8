"use client";
import { useState, type FormEvent, type JSX } from "react";
import { DEFAULT_RANGE, RANGE_OPTIONS, type DashboardFilters } from "../_lib/filters";

interface RangePickerProps {
  filters: DashboardFilters;
  update: (change: Partial<DashboardFilters>) => void;
}

/** Two dates and Apply: a custom period, written to the URL as `from` and `to` (whole days, UTC). */
function CustomPeriodForm({ filters, update }: RangePickerProps): JSX.Element {
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (from) update({ from, to: to || null });
  };
  return (
    <form className="custom-period" onSubmit={apply} aria-label="Custom period">
      <label>
        From <input type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} required />
      </label>
      <label>
        To <input type="date" name="to" value={to} onChange={(event) => setTo(event.target.value)} />
      </label>
      <button type="submit" className="secondary">
        Apply
      </button>
    </form>
  );
}

/**
 * The period of the page: 12 weeks, 26 weeks, a year or two (radio buttons, so the arrow keys move between them), or a
 * custom period between two dates. The choice goes into the URL.
 */
export function RangePicker({ filters, update }: RangePickerProps): JSX.Element {
  const [customOpen, setCustomOpen] = useState(filters.from !== null);
  const custom = customOpen || filters.from !== null;
  const selected = custom ? "custom" : (filters.range ?? DEFAULT_RANGE);
  const choose = (range: DashboardFilters["range"]) => {
    setCustomOpen(false);
    update({ range });
  };
  return (
    <div className="range-picker">
      <fieldset className="segments">
        <legend className="filter-label">Time range</legend>
        {RANGE_OPTIONS.map((option) => (
          <label key={option.value} className="segment">
            <input type="radio" name="range" value={option.value} checked={selected === option.value} onChange={() => choose(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
        <label className="segment">
          <input type="radio" name="range" value="custom" checked={custom} onChange={() => setCustomOpen(true)} />
          <span>Custom</span>
        </label>
      </fieldset>
      {custom ? <CustomPeriodForm key={`${filters.from}/${filters.to}`} filters={filters} update={update} /> : null}
    </div>
  );
}
