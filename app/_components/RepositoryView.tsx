"use client";
import { useRepository } from "../_hooks/useRepository";
import { useRequestScan } from "../_hooks/useRequestScan";
import { useSnapshots } from "../_hooks/useSnapshots";
import { formatDate, formatScore, shortSha } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";
import { ScanStatus } from "./ScanStatus";
import { ScoreChart } from "./ScoreChart";

export function RepositoryView({ id }: { id: string }) {
  const repository = useRepository(id);
  const snapshots = useSnapshots(id, repository.data?.current?.scanId ?? null);
  const scan = useRequestScan(id);

  if (repository.isPending) return <p className="muted">Loading…</p>;
  if (repository.error) return <p className="error-text" role="alert">{repository.error.message}</p>;
  const { data } = repository;
  const busy = data.latestScan?.status === "queued" || data.latestScan?.status === "running";

  return (
    <>
      <header className="page-header">
        <div>
          <h1>{data.name}</h1>
          <p className="muted small">
            {data.url}
            {data.branch ? ` · branch ${data.branch}` : ""} · team {data.team.name}
          </p>
        </div>
        <button type="button" onClick={() => scan.mutate()} disabled={busy || scan.isPending}>
          {busy ? "Scanning…" : "Scan now"}
        </button>
      </header>
      {scan.error ? <p className="error-text" role="alert">{scan.error.message}</p> : null}
      <section className="grid">
        <div className="card score-card">
          <h2>Score</h2>
          <div className="score-line">
            <GradeBadge score={data.current?.score ?? null} grade={data.current?.grade ?? null} />
            <span className="score" data-testid="current-score">
              {formatScore(data.current?.score)}
            </span>
            <span className="muted">/ 100</span>
          </div>
          <p className="muted small">
            {data.current
              ? `Commit ${shortSha(data.current.commitSha)} · ${formatDate(data.current.finishedAt)}`
              : "Not scanned yet."}
          </p>
          <ScanStatus scan={data.latestScan} />
        </div>
        <div className="card chart-card">
          <h2>Score history</h2>
          {snapshots.error ? <p className="error-text">{snapshots.error.message}</p> : <ScoreChart snapshots={snapshots.data ?? []} />}
        </div>
      </section>
    </>
  );
}
