"use client";
import Link from "next/link";
import { useRepositories } from "../_hooks/useRepositories";
import type { RepositoryDto } from "../_lib/dto";
import { formatDate, formatScore } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";

function RepositoryRow({ repository }: { repository: RepositoryDto }) {
  const { current, latestScan } = repository;
  return (
    <tr>
      <td>
        <Link href={`/repositories/${repository.id}`}>{repository.name}</Link>
        <div className="muted small">{repository.url}</div>
      </td>
      <td>{repository.team.name}</td>
      <td>
        <GradeBadge score={current?.score ?? null} grade={current?.grade ?? null} />
      </td>
      <td>{formatScore(current?.score)}</td>
      <td>{latestScan ? `${latestScan.status} · ${formatDate(latestScan.queuedAt)}` : "never"}</td>
    </tr>
  );
}

export function RepositoryList() {
  const { data, error, isPending } = useRepositories();
  if (isPending) return <p className="muted">Loading repositories…</p>;
  if (error) return <p className="error-text" role="alert">Could not load repositories: {error.message}</p>;
  if (data.length === 0) return <p className="empty">No repositories yet. Register one below, then press “Scan now” on its page.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          {["Repository", "Team", "Grade", "Score", "Last scan"].map((title) => (
            <th scope="col" key={title}>
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.map((repository) => (
          <RepositoryRow key={repository.id} repository={repository} />
        ))}
      </tbody>
    </table>
  );
}
