"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { findingFiltersQuery, parseFindingFilters, type FindingFilters } from "../_lib/finding-filters";

/** How a change of filters enters the browser history: `push` (Back undoes it) or `replace` (typing in a field). */
export type HistoryMode = "push" | "replace";

/**
 * The findings explorer's filters, kept in the URL so that a link or a reload shows the same list. A change of any
 * filter but the page goes back to page 1. Written with `history.pushState`/`replaceState`, which Next.js keeps
 * `useSearchParams` in step with (a moment later, in a transition); until it has, the new filters are shown at once,
 * so a checkbox or radio button does not flick back for a frame.
 */
export function useFindingFilters(): [FindingFilters, (patch: Partial<FindingFilters>, mode?: HistoryMode) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const current = searchParams.toString();
  const parsed = useMemo(() => parseFindingFilters(new URLSearchParams(current)), [current]);
  // The filters just chosen, and the URL they replace: used only while the URL is still that one.
  const [pending, setPending] = useState<{ replaces: string; filters: FindingFilters } | null>(null);
  const filters = pending && pending.replaces === current ? pending.filters : parsed;
  const update = useCallback(
    (patch: Partial<FindingFilters>, mode: HistoryMode = "push") => {
      const next = { ...filters, ...patch, page: patch.page ?? 1 };
      const query = findingFiltersQuery(next).toString();
      setPending({ replaces: current, filters: next });
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === "replace") window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [filters, pathname, current],
  );
  return [filters, update];
}
