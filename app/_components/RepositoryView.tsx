"use client";
import Link from "next/link";
import { useState, type JSX } from "react";
import { useRepository } from "../_hooks/useRepository";
import { useRequestScan } from "../_hooks/useRequestScan";
import { useSelectedSnapshot } from "../_hooks/useSelectedSnapshot";
import { useSnapshots } from "../_hooks/useSnapshots";
import { useCan } from "../_hooks/useViewer";
import type { RepositoryDto, SnapshotDto } from "../_lib/dto";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { BackfillPanel } from "./BackfillPanel";
import { ErrorAlert } from "./ErrorAlert";
import { GradeBadge } from "./GradeBadge";
import { RepositoryNav } from "./RepositoryNav";
import { RepositorySettings } from "./RepositorySettings";
import { RuleResults } from "./RuleResults";
import { ScanHistory } from "./ScanHistory";
import { ScanStatus } from "./ScanStatus";
import { ScoreChart } from "./ScoreChart";

type Panel = "backfill" | "settings";

/** The scan schedule in a line: the cron expression and the next run, or that scans are manual only. */
function ScheduleSummary({ repository }: { repository: RepositoryDto }): JSX.Element {
  if (repository.schedule === null) return <p className="muted small">Manual scans only.</p>;
  return (
    <p className="muted small" data-testid="schedule-summary">
      Scheduled scans <code>{repository.schedule}</code> (UTC) · next {formatDate(repository.nextScanAt)}
    </p>
  );
}

function RepositoryTitle({ repository }: { repository: RepositoryDto }): JSX.Element {
  return (
    <div className="title-block">
      <h1>{repository.name}</h1>
      <p className="muted small break">
        {repository.url}
        {repository.branch ? ` · branch ${repository.branch}` : ""} · team {repository.team.name}
      </p>
      <ScheduleSummary repository={repository} />
    </div>
  );
}

interface PanelControls {
  open: Record<Panel, boolean>;
  toggle: (panel: Panel) => void;
}

function PanelToggle({ panel, label, open, toggle }: { panel: Panel; label: string } & PanelControls): JSX.Element {
  return (
    <button type="button" className="secondary" aria-expanded={open[panel]} aria-controls={`${panel}-panel`} onClick={() => toggle(panel)}>
      {label}
    </button>
  );
}

/** What "Scan now" answered: the server's reason for refusing, or — while that scan waits or runs — a link to its live page. */
function ScanRequestFeedback({ request, latest }: { request: ReturnType<typeof useRequestScan>; latest: RepositoryDto["latestScan"] }): JSX.Element | null {
  if (request.error) return <ErrorAlert error={request.error} />;
  const scanId = request.data?.id;
  const inProgress = latest?.id === scanId && (latest?.status === "queued" || latest?.status === "running");
  if (!scanId || !inProgress) return null;
  return (
    <p className="small" role="status">
      Scan requested. <Link href={`/scans/${encodeURIComponent(scanId)}`}>Follow it live</Link>
    </p>
  );
}

/** What the signed-in user may do here (the owning team's lead, or an admin); the server checks every request anyway. */
function useRepositoryActions(repository: RepositoryDto): { scan: boolean; manage: boolean } {
  return { scan: useCan("scans:trigger", repository.team.slug), manage: useCan("repositories:manage", repository.team.slug) };
}

function RepositoryHeader({ repository, ...panels }: { repository: RepositoryDto } & PanelControls): JSX.Element {
  const scan = useRequestScan(repository.id);
  const allowed = useRepositoryActions(repository);
  const isBusy = repository.latestScan?.status === "queued" || repository.latestScan?.status === "running";
  return (
    <>
      <header className="page-header">
        <RepositoryTitle repository={repository} />
        {allowed.scan || allowed.manage ? (
          <div className="actions">
            {allowed.scan ? (
              <button type="button" onClick={() => scan.mutate()} disabled={isBusy || scan.isPending}>
                {isBusy ? "Scanning…" : "Scan now"}
              </button>
            ) : null}
            {allowed.manage ? <PanelToggle panel="backfill" label="Backfill" {...panels} /> : null}
            {allowed.manage ? <PanelToggle panel="settings" label="Settings" {...panels} /> : null}
          </div>
        ) : null}
      </header>
      <RepositoryNav repositoryId={repository.id} current="overview" />
      <ScanRequestFeedback request={scan} latest={repository.latestScan} />
    </>
  );
}

/** Which commit the current score is of, what it was scored with, and why it is partial if it is. */
function CurrentSnapshot({ current }: { current: SnapshotDto | null }): JSX.Element {
  if (!current) return <p className="muted small">Not scanned yet.</p>;
  return (
    <>
      <p className="muted small">{`Commit ${shortSha(current.commitSha)} · ${formatDate(current.finishedAt)} · guide ${current.guideVersion ?? "?"}, ruleset ${current.rulesetVersion ?? "?"}`}</p>
      {current.partialReason ? <p className="warn-text small">Partial: {current.partialReason}</p> : null}
    </>
  );
}

function ScoreCard({ repository }: { repository: RepositoryDto }): JSX.Element {
  const { current } = repository;
  return (
    <div className="card score-card">
      <h2>Score</h2>
      <div className="score-line">
        <GradeBadge score={current?.score ?? null} grade={current?.grade ?? null} />
        <span className="score" data-testid="current-score">
          {formatScore(current?.score)}
        </span>
        <span className="muted">/ 100</span>
      </div>
      <CurrentSnapshot current={current} />
      <ScanStatus scan={repository.latestScan} />
    </div>
  );
}

interface SnapshotChoice {
  /** The snapshot whose rule results are shown: the one picked, else the current one. */
  shownScanId: string | null;
  select: (scanId: string | null) => void;
}

function HistoryCard({ repository, shownScanId, select }: { repository: RepositoryDto } & SnapshotChoice): JSX.Element {
  const snapshots = useSnapshots(repository.id, repository.current?.scanId ?? null);
  return (
    <div className="card chart-card">
      <h2>Score history</h2>
      {snapshots.error ? <p className="error-text">{snapshots.error.message}</p> : <ScoreChart snapshots={snapshots.data ?? []} selectedScanId={shownScanId} onSelect={select} />}
    </div>
  );
}

function RulesCard({ repository, shownScanId, select }: { repository: RepositoryDto } & SnapshotChoice): JSX.Element {
  const isCurrent = shownScanId === (repository.current?.scanId ?? null);
  return (
    <section className="card" id="rules" aria-labelledby="rules-heading">
      <div className="section-header">
        <h2 id="rules-heading">{isCurrent ? "Rules" : "Rules of an earlier snapshot"}</h2>
        {isCurrent ? null : (
          <button type="button" className="link-button" onClick={() => select(null)}>
            Back to the current snapshot
          </button>
        )}
      </div>
      <RuleResults repositoryId={repository.id} scanId={shownScanId} isCurrent={isCurrent} />
    </section>
  );
}

/** Which action panels are open; both start closed. */
function usePanels(): PanelControls {
  const [open, setOpen] = useState<Record<Panel, boolean>>({ backfill: false, settings: false });
  return { open, toggle: (panel) => setOpen((previous) => ({ ...previous, [panel]: !previous[panel] })) };
}

function ScanHistoryCard({ repository, select }: { repository: RepositoryDto } & Pick<SnapshotChoice, "select">): JSX.Element {
  // A commit in the history opens its snapshot in the rules section, which is scrolled into view.
  const open = (scanId: string) => {
    select(scanId);
    document.getElementById("rules")?.scrollIntoView({ block: "start" });
  };
  return (
    <section className="card" aria-labelledby="scans-heading">
      <h2 id="scans-heading">Scan history</h2>
      <ScanHistory repositoryId={repository.id} onOpenSnapshot={open} />
    </section>
  );
}

function RepositoryPage({ repository }: { repository: RepositoryDto }): JSX.Element {
  const [selected, select] = useSelectedSnapshot();
  const panels = usePanels();
  const canManage = useRepositoryActions(repository).manage;
  const choice = { shownScanId: selected ?? repository.current?.scanId ?? null, select };
  return (
    <>
      <RepositoryHeader repository={repository} {...panels} />
      {panels.open.settings && canManage ? <RepositorySettings repository={repository} /> : null}
      <BackfillPanel repositoryId={repository.id} open={panels.open.backfill && canManage} />
      <section className="grid">
        <ScoreCard repository={repository} />
        <HistoryCard repository={repository} {...choice} />
      </section>
      <RulesCard repository={repository} {...choice} />
      <ScanHistoryCard repository={repository} select={select} />
    </>
  );
}

/**
 * A repository's page: score, score history (a point per snapshot opens its rule results), rule results, scan history,
 * and the actions — scan now, backfill, settings. Polls while a scan or a backfill runs.
 */
export function RepositoryView({ id }: { id: string }): JSX.Element {
  const { data, error, isPending } = useRepository(id);
  if (isPending) return <p className="muted">Loading…</p>;
  if (error) return <p className="error-text" role="alert">{error.message}</p>;
  return <RepositoryPage repository={data} />;
}
