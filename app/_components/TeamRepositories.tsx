"use client";
import Link from "next/link";
import { useState, type JSX } from "react";
import type { TeamRepositoryDto } from "../_lib/dto";
import { repositoryHref } from "../_lib/filters";
import type { CsvTable } from "./CsvButton";
import { Delta } from "./Delta";
import { LastScan } from "./LastScan";
import { ScoreWithGrade } from "./ScoreWithGrade";
import { Sparkline } from "./Sparkline";
import { TableFrame } from "./TableFrame";

type SortKey = "name" | "score" | "delta";
interface Sort {
  key: SortKey;
  descending: boolean;
}

const COLUMNS: ReadonlyArray<{ key: SortKey; title: string; numeric: boolean }> = [
  { key: "name", title: "Repository", numeric: false },
  { key: "score", title: "Score", numeric: true },
  { key: "delta", title: "Change", numeric: true },
];

/** Missing scores and changes sort last whichever the direction. */
function compare(a: TeamRepositoryDto, b: TeamRepositoryDto, { key, descending }: Sort): number {
  if (key === "name") return (descending ? -1 : 1) * a.name.localeCompare(b.name);
  const [x, y] = [a[key], b[key]];
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return (descending ? y - x : x - y) || a.name.localeCompare(b.name);
}

/** A column header that sorts the table (a button, so it is reached with Tab); `aria-sort` tells which column sorts. */
function SortHeader({ column, sort, setSort }: { column: (typeof COLUMNS)[number]; sort: Sort; setSort: (sort: Sort) => void }): JSX.Element {
  const active = sort.key === column.key;
  const next = { key: column.key, descending: active ? !sort.descending : column.numeric };
  return (
    <th scope="col" className={column.numeric ? "num" : undefined} aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort-button" onClick={() => setSort(next)}>
        {column.title}
        <span aria-hidden="true">{active ? (sort.descending ? " ▼" : " ▲") : ""}</span>
      </button>
    </th>
  );
}

function RepositoryRow({ repository }: { repository: TeamRepositoryDto }): JSX.Element {
  return (
    <tr>
      <th scope="row">
        <Link href={repositoryHref(repository.id)} prefetch={false}>{repository.name}</Link>
      </th>
      <td className="num" data-testid="repository-score">
        <ScoreWithGrade score={repository.score} grade={repository.grade} />
      </td>
      <td className="num">
        <Delta value={repository.delta} />
      </td>
      <td>
        <Sparkline points={repository.sparkline} delta={repository.delta} />
      </td>
      <td data-label="last scan">
        <LastScan scan={repository.lastScan} />
      </td>
    </tr>
  );
}

function SortableHead({ sort, setSort }: { sort: Sort; setSort: (sort: Sort) => void }): JSX.Element {
  return (
    <thead>
      <tr>
        {COLUMNS.map((column) => (
          <SortHeader key={column.key} column={column} sort={sort} setSort={setSort} />
        ))}
        <th scope="col">Trend</th>
        <th scope="col">Last scan</th>
      </tr>
    </thead>
  );
}

/** The rows in the order on screen, as the CSV download holds them. */
function repositoriesTable(repositories: readonly TeamRepositoryDto[]): CsvTable {
  return {
    header: ["repository", "score", "grade", "change", "last snapshot", "last scan", "last scan queued"],
    rows: repositories.map((repository) => [repository.name, repository.score, repository.grade, repository.delta, repository.lastSnapshotAt, repository.lastScan?.status, repository.lastScan?.queuedAt]),
  };
}

/** The team's repositories with score, grade, change, weekly trend and last scan; sortable by name, score or change. */
export function TeamRepositories({ repositories }: { repositories: readonly TeamRepositoryDto[] }): JSX.Element {
  const [sort, setSort] = useState<Sort>({ key: "score", descending: false });
  if (repositories.length === 0) return <p className="empty">This team has no repositories yet.</p>;
  const sorted = [...repositories].sort((a, b) => compare(a, b, sort));
  return (
    <TableFrame download={{ filename: "heimdall-team-repositories.csv", what: "the team's repositories", table: repositoriesTable(sorted) }}>
      <table className="table stack" data-testid="team-repositories">
        <SortableHead sort={sort} setSort={setSort} />
        <tbody>
          {sorted.map((repository) => (
            <RepositoryRow key={repository.id} repository={repository} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
