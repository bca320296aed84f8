// The dashboard's filters as they live in the URL (`?range=52w&team=payments`, or `?from=2026-01-05&to=2026-03-30`):
// parsed and checked here, in the browser, so a mistyped link gets a clear message instead of a failed request.

/** The periods the time range picker offers (the API's `range`), shortest first. */
export const RANGE_OPTIONS = [
  { value: "12w", label: "12 weeks", phrase: "the last 12 weeks" },
  { value: "26w", label: "26 weeks", phrase: "the last 26 weeks" },
  { value: "52w", label: "1 year", phrase: "the last year" },
  { value: "104w", label: "2 years", phrase: "the last 2 years" },
] as const;

export type RangeValue = (typeof RANGE_OPTIONS)[number]["value"];

/** What the API shows when the URL names no period. */
export const DEFAULT_RANGE: RangeValue = "26w";

/** URL keys the filters own; everything else in the query string is left alone. */
export const FILTER_KEYS = ["range", "from", "to", "team"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** A period (a named range, or `from`–`to` dates) and an optional team, exactly as the URL gives them. */
export interface DashboardFilters {
  /** Null when the URL gives `from` (a custom period) — the API's default range applies when neither is given. */
  range: RangeValue | null;
  from: string | null;
  to: string | null;
  team: string | null;
}

/** Either the filters, or every problem with the URL's values, each a sentence for the reader. */
export type FilterParse = { ok: true; filters: DashboardFilters } | { ok: false; problems: string[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEAM_SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;
const RANGE_VALUES: readonly string[] = RANGE_OPTIONS.map((option) => option.value);

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (so 2026-02-30 is not). */
export function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The first value of a key, trimmed; null when absent or empty. */
function value(params: URLSearchParams, key: FilterKey): string | null {
  const text = params.get(key)?.trim();
  return text ? text : null;
}

/** Quoted for a message, shortened: URL text is shown as text, never interpreted. */
const quote = (text: string): string => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;

interface RawPeriod {
  range: string | null;
  from: string | null;
  to: string | null;
}

/** Each check of a period as the URL gives it: a sentence for what is wrong, or null. */
const PERIOD_CHECKS: ReadonlyArray<(period: RawPeriod) => string | null> = [
  ({ range }) => (range !== null && !RANGE_VALUES.includes(range) ? `The time range ${quote(range)} is not one of ${RANGE_VALUES.join(", ")}.` : null),
  ({ from }) => (from !== null && !isDate(from) ? `The start date ${quote(from)} is not a date written YYYY-MM-DD.` : null),
  ({ to }) => (to !== null && !isDate(to) ? `The end date ${quote(to)} is not a date written YYYY-MM-DD.` : null),
  ({ range, from }) => (range !== null && from !== null ? "Give either a time range or a start date, not both." : null),
  ({ from, to }) => (to !== null && from === null ? "An end date needs a start date (from) too." : null),
  ({ from, to }) => (from !== null && to !== null && isDate(from) && isDate(to) && from > to ? "The start date is after the end date." : null),
];

function periodProblems(period: RawPeriod): string[] {
  return PERIOD_CHECKS.map((check) => check(period)).filter((problem): problem is string => problem !== null);
}

/**
 * Reads the filters from a query string. `withTeam: false` (a team's own page, whose team is in the path) ignores any
 * `team`. Malformed values are reported, never guessed at.
 */
export function parseFilters(params: URLSearchParams, { withTeam = true }: { withTeam?: boolean } = {}): FilterParse {
  const [range, from, to] = [value(params, "range"), value(params, "from"), value(params, "to")];
  const team = withTeam ? value(params, "team") : null;
  const problems = periodProblems({ range, from, to });
  if (team !== null && !TEAM_SLUG.test(team)) problems.push(`The team ${quote(team)} is not a team’s short name (lowercase letters, digits and dashes).`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, filters: { range: from === null ? ((range as RangeValue | null) ?? null) : null, from, to, team } };
}

/**
 * The filters as a query string (without `?`), in a fixed key order so equal filters give equal strings (cache keys,
 * links). `keys` limits which filters are written, e.g. the period alone for a link to a team's page.
 */
export function filterQuery(filters: DashboardFilters, keys: readonly FilterKey[] = FILTER_KEYS): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const text = filters[key];
    if (keys.includes(key) && text !== null) params.set(key, text);
  }
  return params.toString();
}

/** `path` with the query string appended when there is one. */
export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/** An internal link to a repository's page: only the id, percent-encoded, ever goes into the path. */
export function repositoryHref(id: string): string {
  return `/repositories/${encodeURIComponent(id)}`;
}

/** An internal link to a team's page, keeping the period of `query` (a filter query string). */
export function teamHref(slug: string, query = ""): string {
  return withQuery(`/teams/${encodeURIComponent(slug)}`, query);
}

/** The label of a period for headings: "the last 26 weeks", or "5 Jan 2026 – 30 Mar 2026". */
export function describePeriod(filters: DashboardFilters): string {
  if (filters.from !== null) return `${filters.from} – ${filters.to ?? "now"}`;
  const option = RANGE_OPTIONS.find((candidate) => candidate.value === (filters.range ?? DEFAULT_RANGE));
  return option?.phrase ?? "the chosen period";
}
