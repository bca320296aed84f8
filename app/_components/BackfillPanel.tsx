"use client";
import { useState, type FormEvent, type JSX } from "react";
import { isBackfillActive, useBackfills } from "../_hooks/useBackfills";
import { useRequestBackfill, type BackfillRequestInput } from "../_hooks/useRequestBackfill";
import { BackfillProgress } from "./BackfillProgress";
import { ErrorAlert } from "./ErrorAlert";

const DAY_MS = 24 * 60 * 60 * 1000;
const RANGES = [
  { value: "12", label: "12 weeks" },
  { value: "26", label: "26 weeks" },
  { value: "52", label: "52 weeks" },
  { value: "date", label: "Since a date…" },
] as const;
const SPACINGS = [
  { value: "weekly", label: "One per week" },
  { value: "commits", label: "One per N commits" },
] as const;

type Range = (typeof RANGES)[number]["value"];
type Spacing = (typeof SPACINGS)[number]["value"];

interface BackfillFormState {
  range: Range;
  since: string;
  spacing: Spacing;
  everyCommits: string;
}

/** Today as YYYY-MM-DD, the latest date the date field offers. */
const today = (): string => new Date().toISOString().slice(0, 10);

/** The API request for the form's choices: a date `since` (or so many weeks ago) and the spacing of the points. */
function toRequest({ range, since, spacing, everyCommits }: BackfillFormState): BackfillRequestInput {
  const from = range === "date" ? since : new Date(Date.now() - Number(range) * 7 * DAY_MS).toISOString();
  return spacing === "weekly" ? { since: from, intervalDays: 7 } : { since: from, everyCommits: Number(everyCommits) };
}

type Update = (change: Partial<BackfillFormState>) => void;

function SelectField<T extends string>({ label, name, value, options, onChange }: { label: string; name: string; value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void }): JSX.Element {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function RangeFields({ state, update }: { state: BackfillFormState; update: Update }): JSX.Element {
  return (
    <div className="row">
      <SelectField label="How far back" name="range" value={state.range} options={RANGES} onChange={(range) => update({ range })} />
      {state.range === "date" ? (
        <label>
          Since
          <input type="date" name="since" value={state.since} max={today()} required onChange={(event) => update({ since: event.target.value })} />
        </label>
      ) : null}
    </div>
  );
}

function SpacingFields({ state, update }: { state: BackfillFormState; update: Update }): JSX.Element {
  return (
    <div className="row">
      <SelectField label="Points" name="spacing" value={state.spacing} options={SPACINGS} onChange={(spacing) => update({ spacing })} />
      {state.spacing === "commits" ? (
        <label>
          Commits between points
          <input type="number" name="everyCommits" min={1} max={100000} step={1} required value={state.everyCommits} onChange={(event) => update({ everyCommits: event.target.value })} />
        </label>
      ) : null}
    </div>
  );
}

/** The form's choices (52 weekly points unless changed) and how they are sent. */
function useBackfillForm(repositoryId: string) {
  const request = useRequestBackfill(repositoryId);
  const [state, setState] = useState<BackfillFormState>({ range: "52", since: "", spacing: "weekly", everyCommits: "10" });
  const update: Update = (change) => setState((previous) => ({ ...previous, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(toRequest(state));
  };
  return { request, state, update, submit };
}

/** Choose how far back and how far apart; the server refuses a bad choice with a message shown under the fields. */
function BackfillForm({ repositoryId, busy }: { repositoryId: string; busy: boolean }): JSX.Element {
  const { request, state, update, submit } = useBackfillForm(repositoryId);
  return (
    <form className="form" onSubmit={submit} aria-label="Start a backfill">
      <RangeFields state={state} update={update} />
      <SpacingFields state={state} update={update} />
      <ErrorAlert error={request.error} />
      <div>
        <button type="submit" disabled={busy || request.isPending}>
          {busy ? "Backfill in progress…" : "Start backfill"}
        </button>
      </div>
    </form>
  );
}

/**
 * Backfill of past commits, so a new repository shows a trend at once. Open: the form and the latest backfill's
 * progress. Closed: only the progress of a backfill still queued or running (the chart fills in as points arrive).
 */
export function BackfillPanel({ repositoryId, open }: { repositoryId: string; open: boolean }): JSX.Element | null {
  const backfills = useBackfills(repositoryId);
  const latest = backfills.data?.[0];
  if (!open && !isBackfillActive(latest)) return null;
  return (
    <section className="card" id="backfill-panel" aria-labelledby="backfill-heading">
      <h2 id="backfill-heading">Backfill</h2>
      {open ? <p className="muted small">Scans past commits of the branch so the score history shows a trend; unchanged files are not analyzed twice.</p> : null}
      {open ? <BackfillForm repositoryId={repositoryId} busy={isBackfillActive(latest)} /> : null}
      {backfills.error ? <p className="error-text">{backfills.error.message}</p> : null}
      {latest ? <BackfillProgress backfill={latest} /> : null}
    </section>
  );
}
