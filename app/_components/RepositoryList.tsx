"use client";
import Link from "next/link";
import type { JSX } from "react";
import { useRepositories } from "../_hooks/useRepositories";
import type { RepositoryDto } from "../_lib/dto";
import { repositoryHref, teamHref } from "../_lib/filters";
import { formatDate, formatScore } from "../_lib/format";
import type { CsvTable } from "./CsvButton";
import { GradeBadge } from "./GradeBadge";
import { TableHead } from "./TableHead";
import { TableFrame } from "./TableFrame";

function RepositoryRow({ repository }: { repository: RepositoryDto }): JSX.Element {
  const { current, latestScan } = repository;
  return (
    <tr>
      <td>
        <Link href={repositoryHref(repository.id)} prefetch={false}>{repository.name}</Link>
        <div className="muted small">{repository.url}</div>
      </td>
      <td>
        <Link href={teamHref(repository.team.slug)} prefetch={false}>{repository.team.name}</Link>
      </td>
      <td>
        <GradeBadge score={current?.score ?? null} grade={current?.grade ?? null} />
      </td>
      <td>{formatScore(current?.score)}</td>
      <td>{latestScan ? `${latestScan.status} · ${formatDate(latestScan.queuedAt)}` : "never"}</td>
    </tr>
  );
}

function repositoryListTable(repositories: readonly RepositoryDto[]): CsvTable {
  return {
    header: ["repository", "url", "team", "score", "grade", "commit", "last scan", "last scan queued"],
    rows: repositories.map(({ name, url, team, current, latestScan }) => [name, url, team.name, current?.score, current?.grade, current?.commitSha, latestScan?.status, latestScan?.queuedAt]),
  };
}

function RepositoryTable({ repositories }: { repositories: readonly RepositoryDto[] }): JSX.Element {
  return (
    <TableFrame download={{ filename: "heimdall-repositories.csv", what: "the repositories", table: repositoryListTable(repositories) }}>
      <table className="table stack" data-testid="repository-list">
        <TableHead columns={["Repository", "Team", "Grade", "Score", "Last scan"]} />
        <tbody>
          {repositories.map((repository) => (
            <RepositoryRow key={repository.id} repository={repository} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

function RepositoryListContent({ team }: { team: string | null }): JSX.Element {
  const { data, error, isPending } = useRepositories(team);
  if (isPending) return <p className="muted">Loading repositories…</p>;
  if (error) return <p className="error-text" role="alert">Could not load repositories: {error.message}</p>;
  if (data.length === 0 && team !== null) return <p className="empty">This team has no repositories.</p>;
  if (data.length === 0) return <p className="empty">No repositories yet. Register one below, then press “Scan now” on its page.</p>;
  return <RepositoryTable repositories={data} />;
}

/** Every registered repository (or one team's, by slug) with its grade and last scan, or why it cannot be shown yet. */
export function RepositoryList({ team = null }: { team?: string | null }): JSX.Element {
  return (
    <section className="card" aria-label="Registered repositories">
      <RepositoryListContent team={team} />
    </section>
  );
}
