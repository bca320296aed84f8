"use client";
import { useEffect, type JSX } from "react";
import { useRules } from "../_hooks/useRules";
import type { RulesDto } from "../_lib/dto";
import { filterQuery, type DashboardFilters } from "../_lib/filters";
import { Card } from "./Card";
import { DashboardPage } from "./DashboardPage";
import { GuideTagList } from "./GuideTagList";
import { QueryBoundary } from "./LoadState";
import { RuleCatalogue } from "./RuleCatalogue";
import { TeamFilter } from "./TeamFilter";

/** A link to `/rules#rule-x` arrives before the table does: scroll to the rule once it is there. */
function useScrollToHash(isReady: boolean): void {
  useEffect(() => {
    if (!isReady || !window.location.hash) return;
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView({ block: "center" });
  }, [isReady]);
}

function RulesCards({ rules }: { rules: RulesDto }): JSX.Element {
  const judged = rules.rules.filter((rule) => rule.averageScore !== null);
  const weakest = [...judged].sort((a, b) => (a.averageScore ?? 0) - (b.averageScore ?? 0))[0];
  return (
    <>
      <p className="muted" data-testid="rules-summary">
        {rules.rules.length} rules{rules.team ? ` for ${rules.team.name}` : " across the organisation"}; a repository passes a rule at {rules.passingScore} or above.
        {weakest ? ` Weakest: ${weakest.ruleId}.` : ""}
      </p>
      <Card title="Rules" id="rules-card" wide>
        <RuleCatalogue rules={rules.rules} passingScore={rules.passingScore} />
      </Card>
      <Card title="Guide tags" id="tags-card" wide>
        <GuideTagList tags={rules.tags} />
      </Card>
    </>
  );
}

function RulesBody({ filters, resetHref }: { filters: DashboardFilters; resetHref: string }): JSX.Element {
  const rules = useRules(filterQuery(filters));
  useScrollToHash(rules.data !== undefined);
  return (
    <QueryBoundary query={rules} what="the rules" resetHref={resetHref} testId="rules">
      {(data) => <RulesCards rules={data} />}
    </QueryBoundary>
  );
}

/**
 * `/rules`: the rule catalogue — guide tags, weights, what each rule checks and how it scores — with compliance per rule
 * across the organisation (or one team) at the end of the chosen period, and the guide's tags with the rules that check each.
 */
export function RulesView(): JSX.Element {
  return (
    <DashboardPage title="Rules" subject="Compliance per rule" teamControl={(filters, update) => <TeamFilter value={filters.team} onChange={(team) => update({ team })} />}>
      {(filters, resetHref) => <RulesBody filters={filters} resetHref={resetHref} />}
    </DashboardPage>
  );
}
