import Link from "next/link";
import type { JSX } from "react";
import type { TeamRankDto } from "../_lib/dto";
import { teamHref } from "../_lib/filters";
import { formatScore } from "../_lib/format";
import { Delta } from "./Delta";
import { GradeBadge } from "./GradeBadge";
import { Sparkline } from "./Sparkline";

function TeamRow({ team, periodQuery }: { team: TeamRankDto; periodQuery: string }): JSX.Element {
  return (
    <tr data-team={team.slug}>
      <td className="muted hide-narrow">{team.rank}</td>
      <th scope="row">
        <Link href={teamHref(team.slug, periodQuery)} prefetch={false}>{team.name}</Link>
      </th>
      <td className="num" data-testid="team-score">
        <span className="score-with-grade">
          <GradeBadge score={team.score} grade={team.grade} /> {formatScore(team.score)}
        </span>
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

/** Teams best first, each with its weekly trend, change over the period and a link to its page (keeping the period). */
export function TeamRanking({ teams, periodQuery }: { teams: readonly TeamRankDto[]; periodQuery: string }): JSX.Element {
  if (teams.length === 0) return <p className="empty">No team has a scanned repository in this period.</p>;
  return (
    <div className="table-scroll">
      <table className="table stack" data-testid="team-ranking">
        <thead>
          <tr>
            <th scope="col" className="hide-narrow">
              #
            </th>
            <th scope="col">Team</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Trend</th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num hide-narrow">
              Repos
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <TeamRow key={team.slug} team={team} periodQuery={periodQuery} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
