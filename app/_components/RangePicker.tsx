"use client";
import { useEffect, useId, useState, type FormEvent, type JSX } from "react";
import { DEFAULT_RANGE, RANGE_OPTIONS, type DashboardFilters, type RangeValue } from "../_lib/filters";

interface RangePickerProps {
  filters: DashboardFilters;
  update: (change: Partial<DashboardFilters>) => void;
}

/** Two dates and Apply: a custom period, written to the URL as `from` and `to` (whole days, UTC). */
function CustomPeriodForm({ filters, update }: RangePickerProps): JSX.Element {
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const id = useId();
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (from) update({ from, to: to || null });
  };
  return (
    <form className="custom-period" onSubmit={apply} aria-label="Custom period">
      <div>
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} required />
      </div>
      <div>
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" name="to" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
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
  const inUrl = filters.from !== null ? "custom" : (filters.range ?? DEFAULT_RANGE);
  // The choice shows at once; the URL (and with it `filters`) follows a moment later.
  const [pending, setPending] = useState<string | null>(null);
  const [customOpen, setCustomOpen] = useState(false);
  useEffect(() => setPending(null), [inUrl]);
  const selected = pending ?? (customOpen ? "custom" : inUrl);
  const choose = (range: RangeValue) => {
    setCustomOpen(false);
    setPending(range);
    update({ range });
  };
  const openCustom = () => {
    setPending(null);
    setCustomOpen(true);
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
          <input type="radio" name="range" value="custom" checked={selected === "custom"} onChange={openCustom} />
          <span>Custom</span>
        </label>
      </fieldset>
      {selected === "custom" ? <CustomPeriodForm key={`${filters.from}/${filters.to}`} filters={filters} update={update} /> : null}
    </div>
  );
}
