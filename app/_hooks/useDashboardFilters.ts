"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { FILTER_KEYS, parseFilters, withQuery, type DashboardFilters, type FilterParse } from "../_lib/filters";

export interface DashboardFiltersState {
  /** The URL's filters, or the problems with them. */
  parsed: FilterParse;
  /** Changes some filters (null removes one) and pushes the new URL: Back returns to the previous filters. */
  update: (change: Partial<DashboardFilters>) => void;
  /** This page without any filter: where the "show the defaults" link of a malformed URL leads. */
  resetHref: string;
}

/** The query string with `change` applied to the filter keys; other keys are kept as they are. */
function changedQuery(current: URLSearchParams, change: Partial<DashboardFilters>): string {
  const params = new URLSearchParams(current.toString());
  // A named range and a custom period exclude each other.
  const next = "range" in change && change.range ? { from: null, to: null, ...change } : "from" in change && change.from ? { range: null, ...change } : change;
  for (const key of FILTER_KEYS) {
    if (!(key in next)) continue;
    const text = next[key];
    if (text === null || text === undefined) params.delete(key);
    else params.set(key, text);
  }
  return params.toString();
}

/**
 * The time range and team filter of a dashboard page, kept in the URL so a link shows the same view. Changing them
 * pushes a history entry without a server round trip (Next.js keeps `useSearchParams` in step with `pushState`), and
 * the page's queries refetch for the new key. `withTeam: false` on a team's own page, whose team is in the path.
 */
export function useDashboardFilters({ withTeam = true }: { withTeam?: boolean } = {}): DashboardFiltersState {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const parsed = useMemo(() => parseFilters(new URLSearchParams(searchParams.toString()), { withTeam }), [searchParams, withTeam]);
  const update = useCallback(
    (change: Partial<DashboardFilters>) => window.history.pushState(null, "", withQuery(pathname, changedQuery(new URLSearchParams(searchParams.toString()), change))),
    [pathname, searchParams],
  );
  return { parsed, update, resetHref: pathname };
}
