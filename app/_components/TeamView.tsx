"use client";
import { useRouter } from "next/navigation";
import type { JSX } from "react";
import { useTeamOverview } from "../_hooks/useTeamOverview";
import { plural } from "../_lib/dashboard-format";
import type { TeamOverviewDto } from "../_lib/dto";
import { filterQuery, teamHref, withQuery, type DashboardFilters } from "../_lib/filters";
import { formatScore } from "../_lib/format";
import { Card } from "./Card";
import { DashboardPage } from "./DashboardPage";
import { QueryBoundary } from "./LoadState";
import { QualityGatePanel } from "./QualityGatePanel";
import { ScoreSummary } from "./ScoreSummary";
import { SuppressionsChart } from "./SuppressionsChart";
import { TeamFilter } from "./TeamFilter";
import { TeamRepositories } from "./TeamRepositories";
import { TeamTrendChart } from "./TeamTrendChart";
import { ViolatedRules } from "./ViolatedRules";
import { WebhooksPanel } from "./WebhooksPanel";

/** The headline's key facts: the weakest section now, the most violated rule, and last scans that failed. */
function teamFacts(team: TeamOverviewDto): Array<[string, string]> {
  const last = team.trend.at(-1)?.sections ?? {};
  const weakest = team.sections.filter((section) => typeof last[section.id] === "number").sort((a, b) => (last[a.id] ?? 0) - (last[b.id] ?? 0))[0];
  const [rule] = team.mostViolatedRules;
  const failed = team.repositories.filter((repository) => repository.lastScan?.status === "failed").length;
  return [
    ...(weakest ? [["Weakest section", `${weakest.title} (${formatScore(last[weakest.id])})`] as [string, string]] : []),
    ...(rule ? [["Most violated rule", `${rule.ruleId} (${rule.findings.toLocaleString("en-GB")})`] as [string, string]] : []),
    ["Last scan failed", plural(failed, "repository", "repositories")],
  ];
}

/** Which repositories the score averages: all of them, or those with a snapshot by the end of the period. */
function scannedNote(scanned: number, total: number): string {
  if (scanned === total) return `Mean of its ${plural(total, "repository", "repositories")}.`;
  return `Mean of ${scanned} of its ${plural(total, "repository", "repositories")}; ${total - scanned} had no snapshot yet.`;
}

/** The team's score with its key facts, beside its weekly trend overall and by section. */
function TeamHeadline({ team }: { team: TeamOverviewDto }): JSX.Element {
  const scanned = team.trend.at(-1)?.repositories ?? 0;
  const hasScores = team.trend.some((point) => point.score !== null);
  return (
    <div className="grid">
      <ScoreSummary title="Team score" {...team} note={scannedNote(scanned, team.repositories.length)} facts={teamFacts(team)} />
      <Card title="Weekly trend, overall and by guide section" id="team-trend-card">
        {hasScores ? <TeamTrendChart trend={team.trend} sections={team.sections} /> : <p className="empty">No snapshots in this period yet.</p>}
      </Card>
    </div>
  );
}

function TeamCards({ slug, team }: { slug: string; team: TeamOverviewDto }): JSX.Element {
  return (
    <>
      <TeamHeadline team={team} />
      <Card title={`Repositories (${team.repositories.length})`} id="repositories" wide>
        <TeamRepositories repositories={team.repositories} />
      </Card>
      <div className="grid-2">
        <Card title="Most violated rules" id="violated">
          <ViolatedRules rules={team.mostViolatedRules} />
        </Card>
        <Card title="Suppressions over time" id="suppressions">
          <SuppressionsChart points={team.suppressions} />
        </Card>
      </div>
      <div className="grid-2">
        <Card title="Quality gate" id="gate">
          <QualityGatePanel slug={slug} />
        </Card>
        <Card title="Webhooks" id="webhooks-card">
          <WebhooksPanel slug={slug} />
        </Card>
      </div>
    </>
  );
}

function TeamBody({ slug, filters, resetHref }: { slug: string; filters: DashboardFilters; resetHref: string }): JSX.Element {
  const team = useTeamOverview(slug, filterQuery(filters, ["range", "from", "to"]));
  return (
    <QueryBoundary query={team} what="the team" resetHref={resetHref} testId="team">
      {(data) => <TeamCards slug={slug} team={data} />}
    </QueryBoundary>
  );
}

/**
 * `/teams/:slug`: one team over the chosen period — its score and change, weekly trend overall and per guide section
 * (a toggle per line), its repositories with score, trend and last scan, the most violated rules, the suppressions
 * over time, its quality gate and (for its lead and admins) its webhooks. The team select switches to another team's page, keeping the period.
 */
export function TeamView({ slug, name }: { slug: string; name: string }): JSX.Element {
  const router = useRouter();
  const switchTeam = (filters: DashboardFilters) => (team: string | null) => {
    const periodQuery = filterQuery(filters, ["range", "from", "to"]);
    router.push(team ? teamHref(team, periodQuery) : withQuery("/", periodQuery));
  };
  return (
    <DashboardPage title={name} eyebrow="Team" subject="Guide compliance" withTeam={false} teamControl={(filters) => <TeamFilter value={slug} onChange={switchTeam(filters)} allLabel="Whole organisation" />}>
      {(filters, resetHref) => <TeamBody slug={slug} filters={filters} resetHref={resetHref} />}
    </DashboardPage>
  );
}
