"use client";
import type { JSX, ReactNode } from "react";
import type { DashboardFilters } from "../_lib/filters";
import { RangePicker } from "./RangePicker";

/** The page's filters in one row under its title (stacked on a phone): the period first, then what the page adds. */
export function FilterBar({ filters, update, children }: { filters: DashboardFilters; update: (change: Partial<DashboardFilters>) => void; children?: ReactNode }): JSX.Element {
  return (
    <div className="filter-bar" role="search" aria-label="Filters">
      <RangePicker filters={filters} update={update} />
      {children}
    </div>
  );
}
