import Link from "next/link";
import type { JSX } from "react";
import type { TeamRankDto } from "../_lib/dto";
import { teamHref } from "../_lib/filters";
import type { CsvTable } from "./CsvButton";
import { Delta } from "./Delta";
import { ScoreWithGrade } from "./ScoreWithGrade";
import { Sparkline } from "./Sparkline";
import { TableHead, type Column } from "./TableHead";
import { TableFrame } from "./TableFrame";

const COLUMNS: Column[] = [
  { title: "#", isHiddenWhenNarrow: true },
  { title: "Team" },
  { title: "Score", isNumeric: true },
  { title: "Trend" },
  { title: "Change", isNumeric: true },
  { title: "Repos", isNumeric: true, isHiddenWhenNarrow: true },
];

function TeamRow({ team, periodQuery }: { team: TeamRankDto; periodQuery: string }): JSX.Element {
  return (
    <tr data-team={team.slug}>
      <td className="muted hide-narrow">{team.rank}</td>
      <th scope="row">
        <Link href={teamHref(team.slug, periodQuery)} prefetch={false}>{team.name}</Link>
      </th>
      <td className="num" data-testid="team-score">
        <ScoreWithGrade score={team.score} grade={team.grade} />
      </td>
      <td>
        <Sparkline points={team.sparkline} delta={team.delta} />
      </td>
      <td className="num">
        <Delta value={team.delta} />
      </td>
      <td className="num hide-narrow">{team.repositories}</td>
    </tr>
  );
}

/** The ranking as the CSV download holds it: the numbers, not the sparkline. */
function rankingTable(teams: readonly TeamRankDto[]): CsvTable {
  return {
    header: ["rank", "team", "slug", "score", "grade", "change", "repositories"],
    rows: teams.map((team) => [team.rank, team.name, team.slug, team.score, team.grade, team.delta, team.repositories]),
  };
}

/** Teams best first, each with its weekly trend, change over the period and a link to its page (keeping the period). */
export function TeamRanking({ teams, periodQuery }: { teams: readonly TeamRankDto[]; periodQuery: string }): JSX.Element {
  if (teams.length === 0) return <p className="empty">No team has a scanned repository in this period.</p>;
  return (
    <TableFrame download={{ filename: "heimdall-team-ranking.csv", what: "the team ranking", table: rankingTable(teams) }}>
      <table className="table stack" data-testid="team-ranking">
        <TableHead columns={COLUMNS} />
        <tbody>
          {teams.map((team) => (
            <TeamRow key={team.slug} team={team} periodQuery={periodQuery} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
