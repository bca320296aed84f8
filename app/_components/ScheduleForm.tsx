"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useUpdateRepository } from "../_hooks/useUpdateRepository";
import type { RepositoryDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";
import { ErrorAlert } from "./ErrorAlert";
import { SaveButton } from "./SaveButton";

/** When the scheduler runs next, or that it never does. */
function NextRun({ repository }: { repository: RepositoryDto }): JSX.Element {
  return (
    <p className="muted small" data-testid="next-scan">
      {repository.schedule === null ? "Manual scans only: nothing is scanned until someone presses “Scan now”." : `Next scheduled scan: ${formatDate(repository.nextScanAt)}`}
    </p>
  );
}

function ModeChoice({ manual, onChange }: { manual: boolean; onChange: (manual: boolean) => void }): JSX.Element {
  return (
    <fieldset className="choices">
      <legend>When to scan</legend>
      <label className="choice">
        <input type="radio" name="scheduleMode" checked={!manual} onChange={() => onChange(false)} /> On a schedule
      </label>
      <label className="choice">
        <input type="radio" name="scheduleMode" checked={manual} onChange={() => onChange(true)} /> Manual scans only
      </label>
    </fieldset>
  );
}

function CronField({ cron, onChange, manual }: { cron: string; onChange: (cron: string) => void; manual: boolean }): JSX.Element {
  return (
    <>
      <label>
        Cron expression (UTC)
        <input name="schedule" value={cron} onChange={(event) => onChange(event.target.value)} disabled={manual} required={!manual} spellCheck={false} autoComplete="off" aria-describedby="schedule-help" />
      </label>
      <p id="schedule-help" className="muted small">
        Five fields — minute, hour, day of month, month, day of week — in UTC, e.g. <code>0 3 * * *</code> or <code>30 6 * * mon-fri</code>. <code>H</code> picks a
        value of this repository&apos;s own (<code>H H * * *</code>: once a day). Runs at least 5 minutes apart.
      </p>
    </>
  );
}

/** The form's state, from the repository's schedule; after a save the field shows the schedule as the server tidied it. */
function useScheduleForm(repository: RepositoryDto) {
  const update = useUpdateRepository(repository.id);
  const [manual, setManual] = useState(repository.schedule === null);
  const [cron, setCron] = useState(repository.schedule ?? "H H * * *");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ schedule: manual ? null : cron }, { onSuccess: (saved) => setCron(saved.schedule ?? cron) });
  };
  return { update, manual, setManual, cron, setCron, submit };
}

/**
 * The repository's scan schedule: a cron expression in UTC (with `H` for a time of the repository's own) or manual
 * scans only. The server checks it; its reason for refusing one is shown under the field, and the next run after saving.
 */
export function ScheduleForm({ repository }: { repository: RepositoryDto }): JSX.Element {
  const { update, manual, setManual, cron, setCron, submit } = useScheduleForm(repository);
  return (
    <form className="form" onSubmit={submit} aria-labelledby="schedule-heading">
      <h3 id="schedule-heading">Scan schedule</h3>
      <ModeChoice manual={manual} onChange={setManual} />
      <CronField cron={cron} onChange={setCron} manual={manual} />
      <ErrorAlert error={update.error} />
      <div className="form-actions">
        <SaveButton pending={update.isPending}>Save schedule</SaveButton>
        {update.isSuccess ? <span role="status" className="muted small">Saved.</span> : null}
      </div>
      <NextRun repository={repository} />
    </form>
  );
}
