"use client";
import Link from "next/link";
import type { JSX, ReactNode } from "react";
import { useOverview } from "../_hooks/useOverview";
import { plural } from "../_lib/dashboard-format";
import type { OverviewDto } from "../_lib/dto";
import { filterQuery, teamHref, type DashboardFilters } from "../_lib/filters";
import { formatScore } from "../_lib/format";
import { AttentionList } from "./AttentionList";
import { Card } from "./Card";
import { DashboardPage } from "./DashboardPage";
import { QueryBoundary } from "./LoadState";
import { Movers } from "./Movers";
import { OverviewEmpty, OverviewNotScanned } from "./OverviewEmpty";
import { ScoreSummary } from "./ScoreSummary";
import { SectionBarChart } from "./SectionBarChart";
import { TeamFilter } from "./TeamFilter";
import { TeamRanking } from "./TeamRanking";
import { TrendChart } from "./TrendChart";

/** The headline's key facts: teams, the best of them, the weakest section, and how many repositories need a look. */
function overviewFacts(overview: OverviewDto): Array<[string, ReactNode]> {
  const [best] = overview.teams;
  const [weakest] = overview.sections;
  return [
    ["Teams", overview.teams.length],
    ...(best ? [["Best team", `${best.name} (${formatScore(best.score)})`] as [string, ReactNode]] : []),
    ...(weakest ? [["Weakest section", `${weakest.title} (${formatScore(weakest.score)})`] as [string, ReactNode]] : []),
    ["Needs attention", <a href="#attention-heading" key="attention">{plural(overview.attention.total, "repository", "repositories")}</a>],
  ];
}

/** The headline score with its key facts, beside the weekly trend. */
function Headline({ overview, subject }: { overview: OverviewDto; subject: string }): JSX.Element {
  return (
    <div className="grid">
      <ScoreSummary title={`${subject} score`} {...overview} note={`Mean of ${plural(overview.repositories, "scanned repository", "scanned repositories")}.`} facts={overviewFacts(overview)} />
      <Card title="Weekly trend" id="org-trend">
        <TrendChart points={overview.trend} subject={`${subject} score`} />
      </Card>
    </div>
  );
}

/** The teams ranked, beside the guide sections (weakest first) and the biggest movers. */
function TeamsAndSections({ overview, periodQuery }: { overview: OverviewDto; periodQuery: string }): JSX.Element {
  return (
    <div className="grid-2">
      <Card title="Teams" id="teams">
        <TeamRanking teams={overview.teams} periodQuery={periodQuery} />
      </Card>
      <div className="column">
        <Card title="Guide sections, weakest first" id="sections">
          {overview.sections.length === 0 ? <p className="empty">No section scores in this period.</p> : <SectionBarChart sections={overview.sections} labelWidth={170} />}
        </Card>
        <Card title="Biggest movers" id="movers">
          <Movers {...overview.movers} />
        </Card>
      </div>
    </div>
  );
}

/** The overview's cards: headline and trend, teams beside guide sections and movers, and what needs attention. */
function OverviewCards({ overview, filters }: { overview: OverviewDto; filters: DashboardFilters }): JSX.Element {
  const periodQuery = filterQuery(filters, ["range", "from", "to"]);
  return (
    <>
      <Headline overview={overview} subject={overview.team?.name ?? "Organisation"} />
      {overview.team ? (
        <p className="notice">
          Narrowed to {overview.team.name}. <Link href={teamHref(overview.team.slug, periodQuery)}>Open the team’s page</Link> for its repositories and per-section trend.
        </p>
      ) : null}
      <TeamsAndSections overview={overview} periodQuery={periodQuery} />
      <Card title="Needs attention: failed or stale" id="attention" wide>
        <AttentionList attention={overview.attention} />
      </Card>
    </>
  );
}

/** The overview's content: the first steps for a fresh install, a nudge to scan when nothing is scored, else the cards. */
function OverviewContent({ overview, filters }: { overview: OverviewDto; filters: DashboardFilters }): JSX.Element {
  if (overview.teams.length === 0 && filters.team === null) return <OverviewEmpty />;
  if (overview.score === null) return <OverviewNotScanned teamName={overview.team?.name ?? null} />;
  return <OverviewCards overview={overview} filters={filters} />;
}

function OverviewBody({ filters, resetHref }: { filters: DashboardFilters; resetHref: string }): JSX.Element {
  const overview = useOverview(filterQuery(filters));
  return (
    <QueryBoundary query={overview} what="the overview" resetHref={resetHref} testId="overview">
      {(data) => <OverviewContent overview={data} filters={filters} />}
    </QueryBoundary>
  );
}

/**
 * `/`: the organisation (or, with `?team=`, one team) over the chosen period — score and grade with their change,
 * the weekly trend, teams ranked, guide sections weakest first, biggest movers, and repositories whose last scan
 * failed or is stale. A fresh install gets the first steps instead.
 */
export function OverviewView(): JSX.Element {
  return (
    <DashboardPage title="Overview" subject="Guide compliance" teamControl={(filters, update) => <TeamFilter value={filters.team} onChange={(team) => update({ team })} />}>
      {(filters, resetHref) => <OverviewBody filters={filters} resetHref={resetHref} />}
    </DashboardPage>
  );
}
