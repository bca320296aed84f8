"use client";
import type { JSX, ReactNode } from "react";
import { useDashboardFilters } from "../_hooks/useDashboardFilters";
import { describePeriod, type DashboardFilters } from "../_lib/filters";
import { FilterBar } from "./FilterBar";
import { FilterProblems } from "./FilterProblems";

interface DashboardPageProps {
  title: string;
  /** A small line above the title, e.g. "Team". */
  eyebrow?: string;
  /** What the page measures, before "over the last 26 weeks". */
  subject: string;
  /** False on a team's own page: its team is in the path, not in `?team=`. */
  withTeam?: boolean;
  /** The team control beside the period picker. */
  teamControl: (filters: DashboardFilters, update: (change: Partial<DashboardFilters>) => void) => ReactNode;
  /** The page's body for valid filters; `resetHref` is the page without them, for errors about them. */
  children: (filters: DashboardFilters, resetHref: string) => ReactNode;
}

/**
 * The frame of a dashboard page: its title with the period in words, the filter bar (period and team, kept in the
 * URL), and the body — or, for a URL whose filters are malformed, what is wrong with them and a way back.
 */
export function DashboardPage({ title, eyebrow, subject, withTeam = true, teamControl, children }: DashboardPageProps): JSX.Element {
  const { parsed, update, resetHref } = useDashboardFilters({ withTeam });
  return (
    <>
      <header className="page-header">
        <div>
          {eyebrow ? <p className="eyebrow">{eyebrow}</p> : null}
          <h1>{title}</h1>
          {parsed.ok ? <p className="muted subtitle">{`${subject} over ${describePeriod(parsed.filters)}`}</p> : null}
        </div>
        {parsed.ok ? (
          <FilterBar filters={parsed.filters} update={update}>
            {teamControl(parsed.filters, update)}
          </FilterBar>
        ) : null}
      </header>
      {parsed.ok ? children(parsed.filters, resetHref) : <FilterProblems problems={parsed.problems} resetHref={resetHref} />}
    </>
  );
}
