"use client";
import { useRepository } from "../_hooks/useRepository";
import { useRequestScan } from "../_hooks/useRequestScan";
import { useSnapshots } from "../_hooks/useSnapshots";
import type { RepositoryDto } from "../_lib/dto";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";
import { RuleResults } from "./RuleResults";
import { ScanStatus } from "./ScanStatus";
import { ScoreChart } from "./ScoreChart";

function RepositoryHeader({ repository }: { repository: RepositoryDto }) {
  const scan = useRequestScan(repository.id);
  const busy = repository.latestScan?.status === "queued" || repository.latestScan?.status === "running";
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{repository.name}</h1>
          <p className="muted small">
            {repository.url}
            {repository.branch ? ` · branch ${repository.branch}` : ""} · team {repository.team.name}
          </p>
        </div>
        <button type="button" onClick={() => scan.mutate()} disabled={busy || scan.isPending}>
          {busy ? "Scanning…" : "Scan now"}
        </button>
      </header>
      {scan.error ? <p className="error-text" role="alert">{scan.error.message}</p> : null}
    </>
  );
}

function ScoreCard({ repository }: { repository: RepositoryDto }) {
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

function HistoryCard({ repository }: { repository: RepositoryDto }) {
  const snapshots = useSnapshots(repository.id, repository.current?.scanId ?? null);
  return (
    <div className="card chart-card">
      <h2>Score history</h2>
      {snapshots.error ? <p className="error-text">{snapshots.error.message}</p> : <ScoreChart snapshots={snapshots.data ?? []} />}
    </div>
  );
}

export function RepositoryView({ id }: { id: string }) {
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
