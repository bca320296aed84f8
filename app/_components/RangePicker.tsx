"use client";
import { useEffect, useId, useState, type FormEvent, type JSX } from "react";
import { DEFAULT_RANGE, RANGE_OPTIONS, type DashboardFilters, type RangeValue } from "../_lib/filters";

interface RangePickerProps {
  filters: DashboardFilters;
  update: (change: Partial<DashboardFilters>) => void;
}

function DateField({ id, label, value, onChange, isRequired = false }: { id: string; label: string; value: string; onChange: (value: string) => void; isRequired?: boolean }): JSX.Element {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" name={label.toLowerCase()} value={value} onChange={(event) => onChange(event.target.value)} required={isRequired} />
    </div>
  );
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
      <DateField id={`${id}-from`} label="From" value={from} onChange={setFrom} isRequired />
      <DateField id={`${id}-to`} label="To" value={to} onChange={setTo} />
      <button type="submit" className="secondary">
        Apply
      </button>
    </form>
  );
}

/**
 * Which period is chosen: the URL's, or — for the moment between a click and the URL catching up — the one just
 * clicked, so the choice shows at once. "custom" opens the date form without changing the URL yet.
 */
function useRangeChoice({ filters, update }: RangePickerProps): { selected: string; choose: (range: RangeValue) => void; openCustom: () => void } {
  const inUrl = filters.from !== null ? "custom" : (filters.range ?? DEFAULT_RANGE);
  const [pending, setPending] = useState<string | null>(null);
  const [isCustomOpen, setCustomOpen] = useState(false);
  useEffect(() => setPending(null), [inUrl]);
  const choose = (range: RangeValue) => {
    setCustomOpen(false);
    setPending(range);
    update({ range });
  };
  const openCustom = () => {
    setPending(null);
    setCustomOpen(true);
  };
  return { selected: pending ?? (isCustomOpen ? "custom" : inUrl), choose, openCustom };
}

function Segment({ value, label, selected, onChoose }: { value: string; label: string; selected: string; onChoose: () => void }): JSX.Element {
  return (
    <label className="segment">
      <input type="radio" name="range" value={value} checked={selected === value} onChange={onChoose} />
      <span>{label}</span>
    </label>
  );
}

/**
 * The period of the page: 12 weeks, 26 weeks, a year or two (radio buttons, so the arrow keys move between them), or a
 * custom period between two dates. The choice goes into the URL.
 */
export function RangePicker({ filters, update }: RangePickerProps): JSX.Element {
  const { selected, choose, openCustom } = useRangeChoice({ filters, update });
  return (
    <div className="range-picker">
      <fieldset className="segments">
        <legend className="filter-label">Time range</legend>
        {RANGE_OPTIONS.map((option) => (
          <Segment key={option.value} value={option.value} label={option.label} selected={selected} onChoose={() => choose(option.value)} />
        ))}
        <Segment value="custom" label="Custom" selected={selected} onChoose={openCustom} />
      </fieldset>
      {selected === "custom" ? <CustomPeriodForm key={`${filters.from}/${filters.to}`} filters={filters} update={update} /> : null}
    </div>
  );
}
