"use client";
import Link from "next/link";
import { useRepositories } from "../_hooks/useRepositories";
import { formatDate, formatScore } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";

export function RepositoryList() {
  const { data, error, isPending } = useRepositories();
  if (isPending) return <p className="muted">Loading repositories…</p>;
  if (error) return <p className="error-text" role="alert">Could not load repositories: {error.message}</p>;
  if (data.length === 0) {
    return <p className="empty">No repositories yet. Register one below, then press “Scan now” on its page.</p>;
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Repository</th>
          <th scope="col">Team</th>
          <th scope="col">Grade</th>
          <th scope="col">Score</th>
          <th scope="col">Last scan</th>
        </tr>
      </thead>
      <tbody>
        {data.map((repository) => (
          <tr key={repository.id}>
            <td>
              <Link href={`/repositories/${repository.id}`}>{repository.name}</Link>
              <div className="muted small">{repository.url}</div>
            </td>
            <td>{repository.team.name}</td>
            <td>
              <GradeBadge score={repository.current?.score ?? null} grade={repository.current?.grade ?? null} />
            </td>
            <td>{formatScore(repository.current?.score)}</td>
            <td>
              {repository.latestScan ? `${repository.latestScan.status} · ${formatDate(repository.latestScan.queuedAt)}` : "never"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
