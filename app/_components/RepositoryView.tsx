"use client";
import type { JSX } from "react";
import { useRepository } from "../_hooks/useRepository";
import { useRequestScan } from "../_hooks/useRequestScan";
import { useSnapshots } from "../_hooks/useSnapshots";
import type { RepositoryDto } from "../_lib/dto";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";
import { RuleResults } from "./RuleResults";
import { ScanStatus } from "./ScanStatus";
import { ScoreChart } from "./ScoreChart";

function RepositoryTitle({ repository }: { repository: RepositoryDto }): JSX.Element {
  return (
    <div>
      <h1>{repository.name}</h1>
      <p className="muted small">
        {repository.url}
        {repository.branch ? ` · branch ${repository.branch}` : ""} · team {repository.team.name}
      </p>
    </div>
  );
}

function RepositoryHeader({ repository }: { repository: RepositoryDto }): JSX.Element {
  const scan = useRequestScan(repository.id);
  const isBusy = repository.latestScan?.status === "queued" || repository.latestScan?.status === "running";
  return (
    <>
      <header className="page-header">
        <RepositoryTitle repository={repository} />
        <button type="button" onClick={() => scan.mutate()} disabled={isBusy || scan.isPending}>
          {isBusy ? "Scanning…" : "Scan now"}
        </button>
      </header>
      {scan.error ? <p className="error-text" role="alert">{scan.error.message}</p> : null}
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
      <p className="muted small">{current ? `Commit ${shortSha(current.commitSha)} · ${formatDate(current.finishedAt)} · guide ${current.guideVersion ?? "?"}, ruleset ${current.rulesetVersion ?? "?"}` : "Not scanned yet."}</p>
      <ScanStatus scan={repository.latestScan} />
    </div>
  );
}

function HistoryCard({ repository }: { repository: RepositoryDto }): JSX.Element {
  const snapshots = useSnapshots(repository.id, repository.current?.scanId ?? null);
  return (
    <div className="card chart-card">
      <h2>Score history</h2>
      {snapshots.error ? <p className="error-text">{snapshots.error.message}</p> : <ScoreChart snapshots={snapshots.data ?? []} />}
    </div>
  );
}

/** A repository's page: its score, history and rule results, and the button that queues a scan. Polls while a scan runs. */
export function RepositoryView({ id }: { id: string }): JSX.Element {
  const { data, error, isPending } = useRepository(id);
  if (isPending) return <p className="muted">Loading…</p>;
  if (error) return <p className="error-text" role="alert">{error.message}</p>;
  return (
    <>
      <RepositoryHeader repository={data} />
      <section className="grid">
        <ScoreCard repository={data} />
        <HistoryCard repository={data} />
      </section>
      <section className="card">
        <h2>Rules</h2>
        <RuleResults scanId={data.current?.scanId ?? null} />
      </section>
    </>
  );
}
