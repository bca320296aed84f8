// The findings explorer's state as it lives in the page's URL (shareable), and as the findings API reads it.

export const SEVERITY_ORDER = ["error", "warning", "info"] as const;
export type SeverityName = (typeof SEVERITY_ORDER)[number];
export const FINDING_SORTS = ["severity", "file", "rule"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export interface FindingFilters {
  /** The snapshot explored; null: the repository's latest. */
  snapshot: string | null;
  rule: string[];
  tag: string[];
  severity: SeverityName[];
  /** Path prefix, e.g. `src/domain/`. */
  path: string;
  change: "all" | "new" | "fixed";
  suppressed: "include" | "exclude" | "only";
  sort: (typeof FINDING_SORTS)[number];
  /** Null: the sort's natural order (errors first for severity, A–Z otherwise). */
  order: "asc" | "desc" | null;
  page: number;
  pageSize: number;
}

/** The explorer with nothing chosen: every finding of the latest snapshot, errors first. */
export const NO_FILTERS: FindingFilters = { snapshot: null, rule: [], tag: [], severity: [], path: "", change: "all", suppressed: "include", sort: "severity", order: null, page: 1, pageSize: DEFAULT_PAGE_SIZE };

const list = (params: URLSearchParams, key: string): string[] =>
  [...new Set(params.getAll(key).flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean))];

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function positive(value: string | null, fallback: number, max: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= max ? number : fallback;
}

/** Reads the filters from a query string, leniently: an unknown value falls back to the default instead of failing the page. */
export function parseFindingFilters(params: URLSearchParams): FindingFilters {
  const order = params.get("order");
  return {
    snapshot: params.get("snapshot") || null,
    rule: list(params, "rule"),
    tag: list(params, "tag"),
    severity: list(params, "severity").filter((value): value is SeverityName => (SEVERITY_ORDER as readonly string[]).includes(value)),
    path: params.get("path") ?? "",
    change: oneOf(params.get("change"), ["all", "new", "fixed"] as const, "all"),
    suppressed: oneOf(params.get("suppressed"), ["include", "exclude", "only"] as const, "include"),
    sort: oneOf(params.get("sort"), FINDING_SORTS, "severity"),
    order: order === "asc" || order === "desc" ? order : null,
    page: positive(params.get("page"), 1, 100_000),
    pageSize: positive(params.get("pageSize"), DEFAULT_PAGE_SIZE, 200),
  };
}

/** The query string of `filters`, leaving defaults out so that shared links stay short; the API reads the same keys. */
export function findingFiltersQuery(filters: FindingFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | null, fallback: string | number | null) => {
    if (value !== null && value !== "" && value !== fallback) params.set(key, String(value));
  };
  set("snapshot", filters.snapshot, null);
  if (filters.rule.length) params.set("rule", filters.rule.join(","));
  if (filters.tag.length) params.set("tag", filters.tag.join(","));
  if (filters.severity.length) params.set("severity", filters.severity.join(","));
  set("path", filters.path, "");
  set("change", filters.change, "all");
  set("suppressed", filters.suppressed, "include");
  set("sort", filters.sort, "severity");
  set("order", filters.order, null);
  set("page", filters.page, 1);
  set("pageSize", filters.pageSize, DEFAULT_PAGE_SIZE);
  return params;
}

/** The patch that takes every narrowing filter off (the snapshot, sort and page size stay). */
export const CLEARED_FILTERS: Partial<FindingFilters> = { rule: [], tag: [], severity: [], path: "", change: "all", suppressed: "include" };

/** Whether anything narrows the list (the snapshot, sort and paging do not). */
export function hasNarrowingFilters(filters: FindingFilters): boolean {
  return filters.rule.length > 0 || filters.tag.length > 0 || filters.severity.length > 0 || filters.path !== "" || filters.change !== "all" || filters.suppressed !== "include";
}

/** The explorer's address for a repository, e.g. filtered by one rule of one snapshot. Ids are encoded; nothing else goes into the path. */
export function findingsHref(repositoryId: string, filters: Partial<FindingFilters> = {}): string {
  const query = findingFiltersQuery({ ...NO_FILTERS, ...filters }).toString();
  return `/repositories/${encodeURIComponent(repositoryId)}/findings${query ? `?${query}` : ""}`;
}
