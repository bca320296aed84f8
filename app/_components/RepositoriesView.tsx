"use client";
import type { JSX } from "react";
import { useCanRegister } from "../_hooks/useCanRegister";
import { useDashboardFilters } from "../_hooks/useDashboardFilters";
import { FilterProblems } from "./FilterProblems";
import { RegisterRepositoryForm } from "./RegisterRepositoryForm";
import { RepositoryList } from "./RepositoryList";
import { TeamFilter } from "./TeamFilter";

/**
 * `/repositories`: every registered repository (or one team's, `?team=`) with grade, score and last scan, and — for
 * admins and leads — the form that registers a new one (`#register`).
 */
export function RepositoriesView(): JSX.Element {
  const { parsed, update, resetHref } = useDashboardFilters();
  const canRegister = useCanRegister();
  return (
    <>
      <header className="page-header">
        <h1>Repositories</h1>
        {parsed.ok ? (
          <div className="filter-bar" role="search" aria-label="Filters">
            <TeamFilter value={parsed.filters.team} onChange={(team) => update({ team })} />
          </div>
        ) : null}
      </header>
      {parsed.ok ? <RepositoryList team={parsed.filters.team} /> : <FilterProblems problems={parsed.problems} resetHref={resetHref} />}
      {canRegister ? (
        <div id="register">
          <RegisterRepositoryForm />
        </div>
      ) : null}
    </>
  );
}
