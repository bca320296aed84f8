"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { JSX } from "react";
import { useNow } from "../_hooks/useNow";
import { useCanOnRepository } from "../_hooks/useCanOnRepository";
import { useRetryScan } from "../_hooks/useRetryScan";
import { isScanActive, useScanLive } from "../_hooks/useScanLive";
import type { ScanDto, ScanLiveDto, ScanProgressDto } from "../_lib/dto";
import { formatDate, formatDuration, formatElapsed, shortSha } from "../_lib/format";
import { ErrorAlert } from "./ErrorAlert";
import { ScanResult } from "./ScanResult";
import { ScanStatusBadge } from "./ScanStatusBadge";

const STEPS = ["Queued", "Cloning", "Parsing files", "Running rules", "Storing the snapshot", "Done"] as const;

/** Which of STEPS the scan is at: from its status and, while running, the phase of its progress. */
function stepOf(live: ScanLiveDto): number {
  if (live.scan.status === "queued") return 0;
  if (live.scan.status === "succeeded") return STEPS.length;
  const phase = live.progress?.phase;
  return phase === "parsing" ? 2 : phase === "analyzing" ? 3 : phase === "saving" ? 4 : 1;
}

function Steps({ live }: { live: ScanLiveDto }): JSX.Element {
  const current = stepOf(live);
  return (
    <ol className="scan-steps" aria-label="Scan steps">
      {STEPS.map((step, index) => (
        <li key={step} className={index < current ? "step-done" : index === current ? "step-current" : "step-todo"} aria-current={index === current ? "step" : undefined}>
          {step}
        </li>
      ))}
    </ol>
  );
}

/** The server's clock now, from its reading at the last poll and the browser's clock since (so skew does not matter). */
function useServerNow(live: ScanLiveDto, fetchedAt: number): number {
  const now = useNow(isScanActive(live.scan.status));
  return Date.parse(live.now) + Math.max(0, now - fetchedAt);
}

/** Waiting: its place in the queue, how many run, how long it has waited, and the last attempt's failure if it will retry. */
function QueuedStatus({ live, serverNow }: { live: ScanLiveDto; serverNow: number }): JSX.Element {
  const queue = live.queue;
  return (
    <>
      <p className="live-headline">
        Waiting in the queue for <span data-testid="scan-waiting">{formatElapsed(serverNow - Date.parse(live.scan.queuedAt))}</span>
      </p>
      {queue ? (
        <p className="muted" data-testid="queue-position">
          {queue.position === 1 ? "Next in line" : `Position ${queue.position} of ${queue.queued}`} · {queue.running === 1 ? "1 scan running" : `${queue.running} scans running`}
        </p>
      ) : null}
      {live.scan.error ? <p className="warn-text">The last attempt failed and will be retried: {live.scan.error}</p> : null}
    </>
  );
}

/** What a running scan is doing, in words: no progress yet means the clone (and the analysis's set-up) is under way. */
function progressText(progress: ScanProgressDto | null): string {
  if (!progress) return "Cloning the repository…";
  const texts: Record<ScanProgressDto["phase"], string> = {
    parsing: `Parsing files: ${progress.done} of ${progress.total}`,
    analyzing: `Running rules: ${progress.done} of ${progress.total} done${progress.rule ? ` · now ${progress.rule}` : ""}`,
    saving: "Storing the snapshot…",
  };
  return texts[progress.phase];
}

/** Running: the elapsed time, then cloning, or files parsed / rules run as a progress bar, or storing the snapshot. */
function RunningStatus({ live, serverNow }: { live: ScanLiveDto; serverNow: number }): JSX.Element {
  const progress = live.progress;
  const elapsed = formatElapsed(serverNow - Date.parse(live.scan.startedAt ?? live.scan.queuedAt));
  const measurable = progress && progress.total > 0;
  const detail = progressText(progress);
  return (
    <>
      <p className="live-headline">
        Running for <span data-testid="scan-elapsed">{elapsed}</span>
        {live.scan.attempts > 1 ? <span className="muted small"> · attempt {live.scan.attempts}</span> : null}
      </p>
      <p data-testid="scan-progress-text">{detail}</p>
      {measurable ? <progress max={progress.total} value={progress.done} aria-label="Scan progress" /> : <progress aria-label="Scan progress" />}
    </>
  );
}

/**
 * Failed: the reason (repository text, shown as text), the dead-letter state and — for those who may start scans —
 * "Run again", which opens the new scan.
 */
function FailedStatus({ scan }: { scan: ScanDto }): JSX.Element {
  const router = useRouter();
  const retry = useRetryScan(scan.repositoryId);
  const canRetry = useCanOnRepository("scans:trigger", scan.repositoryId);
  return (
    <>
      <p className="live-headline error-text">The scan failed.</p>
      <p className="error-text break" data-testid="scan-failure">{scan.error ?? "No reason was recorded."}</p>
      {scan.deadLetteredAt ? <p className="muted small">It is on the dead-letter list: its retries were used up ({scan.attempts} attempts).</p> : null}
      {scan.backfillId ? (
        <p className="muted small">This scan was a backfill point: request the backfill again to retry it.</p>
      ) : canRetry ? (
        <button type="button" onClick={() => retry.mutate(scan.id, { onSuccess: (next) => router.push(`/scans/${encodeURIComponent(next.id)}`) })} disabled={retry.isPending}>
          Run again
        </button>
      ) : null}
      <ErrorAlert error={retry.error} />
    </>
  );
}

/** Trigger, times and commit of the scan as a description list. */
function ScanFacts({ scan }: { scan: ScanDto }): JSX.Element {
  const facts: Array<[string, string]> = [
    ["Trigger", scan.trigger],
    ["Queued", formatDate(scan.queuedAt)],
    ["Started", formatDate(scan.startedAt)],
    ["Duration", isScanActive(scan.status) ? "—" : formatDuration(scan.durationMs)],
    ["Commit", shortSha(scan.commitSha)],
    ["Attempts", String(scan.attempts)],
  ];
  return (
    <dl className="fact-grid">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{term === "Commit" ? <code title={scan.commitSha ?? undefined}>{value}</code> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function LivePanel({ live, fetchedAt }: { live: ScanLiveDto; fetchedAt: number }): JSX.Element {
  const serverNow = useServerNow(live, fetchedAt);
  const { scan } = live;
  return (
    <section className="card live-panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      <div role="status" data-testid="scan-live">
        {scan.status === "queued" ? <QueuedStatus live={live} serverNow={serverNow} /> : null}
        {scan.status === "running" ? <RunningStatus live={live} serverNow={serverNow} /> : null}
        {scan.status === "succeeded" ? <p className="live-headline ok-text">The scan succeeded.</p> : null}
        {scan.status === "failed" ? <FailedStatus scan={scan} /> : null}
      </div>
      {scan.status === "failed" ? null : <Steps live={live} />}
      <ScanFacts scan={scan} />
    </section>
  );
}

/** "Scan" with its status badge, under a link back to its repository. */
function ScanHeader({ live }: { live: ScanLiveDto }): JSX.Element {
  return (
    <header className="page-header">
      <div className="title-block">
        <nav aria-label="Breadcrumb" className="breadcrumb small">
          <Link href={`/repositories/${encodeURIComponent(live.repository.id)}`}>{live.repository.name}</Link>
        </nav>
        <h1>
          Scan <ScanStatusBadge scan={live.scan} />
        </h1>
      </div>
    </header>
  );
}

/**
 * A scan's page. While it is queued: its place in the queue and how long it has waited; while it runs: how long it has
 * run and how far it is (cloning, files parsed, rules run, storing) — polled every second. Then the result: the
 * snapshot's score with links to it and its findings, or the reason it failed with "Run again".
 */
export function ScanView({ scanId, initial }: { scanId: string; initial?: ScanLiveDto }): JSX.Element {
  const query = useScanLive(scanId, initial);
  if (query.isPending) return <p className="muted" aria-busy="true">Loading the scan…</p>;
  if (!query.data) return <p className="error-text" role="alert">Could not load the scan: {query.error?.message}</p>;
  const live = query.data;
  return (
    <>
      <ScanHeader live={live} />
      {query.error ? <p className="warn-text small" role="alert">Lost contact with the server ({query.error.message}); still trying.</p> : null}
      <LivePanel live={live} fetchedAt={query.dataUpdatedAt} />
      {live.scan.status === "succeeded" ? <ScanResult scan={live.scan} /> : null}
    </>
  );
}
