"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { findingFiltersQuery, parseFindingFilters, type FindingFilters } from "../_lib/finding-filters";

/** How a change of filters enters the browser history: `push` (Back undoes it) or `replace` (typing in a field). */
export type HistoryMode = "push" | "replace";

/**
 * The findings explorer's filters, kept in the URL so that a link or a reload shows the same list. A change of any
 * filter but the page goes back to page 1. Written with `history.pushState`/`replaceState`, which Next.js keeps
 * `useSearchParams` in step with, so changing a filter costs no server round trip.
 */
export function useFindingFilters(): [FindingFilters, (patch: Partial<FindingFilters>, mode?: HistoryMode) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseFindingFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const update = useCallback(
    (patch: Partial<FindingFilters>, mode: HistoryMode = "push") => {
      const next = { ...filters, ...patch, page: patch.page ?? 1 };
      const query = findingFiltersQuery(next).toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === "replace") window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [filters, pathname],
  );
  return [filters, update];
}
