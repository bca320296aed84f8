"use client";
import Link from "next/link";
import { useState, type JSX } from "react";
import { useCanOnRepository } from "../_hooks/useCanOnRepository";
import { useRetryScan } from "../_hooks/useRetryScan";
import { SCAN_HISTORY_PAGE_SIZE, useScanHistory } from "../_hooks/useScanHistory";
import type { ScanDto } from "../_lib/dto";
import { formatDate, formatDuration, shortSha } from "../_lib/format";
import { CsvButton, type CsvTable } from "./CsvButton";
import { ErrorAlert } from "./ErrorAlert";
import { ScanStatusBadge } from "./ScanStatusBadge";

interface RowActions {
  /** Opens the snapshot a succeeded scan stored (or the one it found already stored). */
  onOpenSnapshot: (scanId: string) => void;
  onRetry: (scanId: string) => void;
  retrying: boolean;
  /** Whether the viewer may start scans of this repository's team: only then is "Run again" offered. */
  canRetry: boolean;
}

/** The scanned commit; for a succeeded scan a button that opens its snapshot. */
function CommitCell({ scan, onOpenSnapshot }: { scan: ScanDto } & Pick<RowActions, "onOpenSnapshot">): JSX.Element {
  if (!scan.commitSha) return <span className="muted">—</span>;
  if (scan.status !== "succeeded") return <code title={scan.commitSha}>{shortSha(scan.commitSha)}</code>;
  const snapshotId = scan.duplicateOf ?? scan.id;
  return (
    <button type="button" className="link-button" onClick={() => onOpenSnapshot(snapshotId)} title={`Open the snapshot of ${scan.commitSha}`}>
      <code>{shortSha(scan.commitSha)}</code>
    </button>
  );
}

/** Why a scan failed, why it is partial, or that it found its commit already stored; repository text stays plain text. */
function DetailsCell({ scan }: { scan: ScanDto }): JSX.Element {
  return (
    <>
      {scan.error ? <p className="error-text cell-text">{scan.error}</p> : null}
      {scan.partialReason ? <p className="warn-text cell-text">Partial: {scan.partialReason}</p> : null}
      {scan.duplicateOf ? <p className="muted cell-text">Commit already scanned: no new snapshot.</p> : null}
    </>
  );
}

function StatusCell({ scan, onRetry, retrying, canRetry }: { scan: ScanDto } & Omit<RowActions, "onOpenSnapshot">): JSX.Element {
  return (
    <>
      <Link href={`/scans/${encodeURIComponent(scan.id)}`} className="status-link" aria-label={`Scan ${scan.status}, queued ${formatDate(scan.queuedAt)}: open the scan page`}>
        <ScanStatusBadge scan={scan} />
      </Link>
      {canRetry && scan.deadLetteredAt && scan.status === "failed" ? (
        <button type="button" className="secondary small-button" onClick={() => onRetry(scan.id)} disabled={retrying}>
          Run again
        </button>
      ) : null}
    </>
  );
}

function ScanRow({ scan, ...actions }: { scan: ScanDto } & RowActions): JSX.Element {
  const inProgress = scan.status === "queued" || scan.status === "running";
  return (
    <tr data-scan-id={scan.id}>
      <td>
        <StatusCell scan={scan} onRetry={actions.onRetry} retrying={actions.retrying} canRetry={actions.canRetry} />
      </td>
      <td>{scan.trigger}</td>
      <td>
        <CommitCell scan={scan} onOpenSnapshot={actions.onOpenSnapshot} />
      </td>
      <td className="nowrap">{scan.startedAt ? formatDate(scan.startedAt) : <span className="muted">queued {formatDate(scan.queuedAt)}</span>}</td>
      <td className="nowrap">{inProgress ? <span className="muted">{scan.status}…</span> : formatDuration(scan.durationMs)}</td>
      <td>
        <DetailsCell scan={scan} />
      </td>
    </tr>
  );
}

const COLUMNS = ["Status", "Trigger", "Commit", "Started", "Duration", "Details"];

function ScanTableHead(): JSX.Element {
  return (
    <thead>
      <tr>
        {COLUMNS.map((title) => (
          <th scope="col" key={title}>
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function ScanTable({ scans, ...actions }: { scans: readonly ScanDto[] } & RowActions): JSX.Element {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="scan-history">
        <ScanTableHead />
        <tbody>
          {scans.map((scan) => (
            <ScanRow key={scan.id} scan={scan} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ page, total, onPage }: { page: number; total: number; onPage: (page: number) => void }): JSX.Element | null {
  const pages = Math.max(1, Math.ceil(total / SCAN_HISTORY_PAGE_SIZE));
  if (pages === 1) return null;
  return (
    <nav className="pager" aria-label="Scan history pages">
      <button type="button" className="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Newer
      </button>
      <span className="muted small">
        Page {page} of {pages} · {total} scans
      </span>
      <button type="button" className="secondary" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Older
      </button>
    </nav>
  );
}

/** The page of scans on screen, as the CSV download holds it. */
function scansTable(scans: readonly ScanDto[]): CsvTable {
  return {
    header: ["scan", "status", "trigger", "commit", "score", "grade", "queued", "started", "finished", "duration ms", "error", "partial", "duplicate of"],
    rows: scans.map((scan) => [scan.id, scan.status, scan.trigger, scan.commitSha, scan.score, scan.grade, scan.queuedAt, scan.startedAt, scan.finishedAt, scan.durationMs, scan.error, scan.partialReason, scan.duplicateOf]),
  };
}

/**
 * The repository's scans, newest first, ten to a page: status (with the dead-letter badge and "Run again"), trigger,
 * commit, start, duration and the failure or partial reason. Refreshes itself while a scan on the page is in progress.
 */
export function ScanHistory({ repositoryId, onOpenSnapshot }: { repositoryId: string; onOpenSnapshot: (scanId: string) => void }): JSX.Element {
  const [page, setPage] = useState(1);
  const history = useScanHistory(repositoryId, page);
  const retry = useRetryScan(repositoryId);
  const canRetry = useCanOnRepository("scans:trigger", repositoryId);
  if (history.isPending) return <p className="muted">Loading scan history…</p>;
  if (history.error) return <p className="error-text" role="alert">Could not load the scan history: {history.error.message}</p>;
  if (history.data.total === 0) return <p className="empty">No scans yet. Press “Scan now” to run the first one.</p>;
  return (
    <>
      <ErrorAlert error={retry.error} />
      <div className="table-tools">
        <CsvButton filename={`heimdall-scans-page-${page}.csv`} what="this page of the scan history" table={scansTable(history.data.scans)} />
      </div>
      <ScanTable scans={history.data.scans} onOpenSnapshot={onOpenSnapshot} onRetry={(id) => retry.mutate(id)} retrying={retry.isPending} canRetry={canRetry} />
      <Pager page={page} total={history.data.total} onPage={setPage} />
    </>
  );
}
