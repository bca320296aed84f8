// Formatting for the dashboard's trend views: changes, weeks, ages and chart domains.

/** A change of score with its sign and one decimal ("+2.7", "−1.3", "±0.0"); a dash when unknown. */
export function formatDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return "—";
  if (delta === 0) return "±0.0";
  return `${delta > 0 ? "+" : "−"}${Math.abs(delta).toFixed(1)}`;
}

/** The direction of a change, for its colour and the words a screen reader hears. */
export function deltaDirection(delta: number | null | undefined): "up" | "down" | "flat" | "unknown" {
  if (delta === null || delta === undefined) return "unknown";
  return delta > 0 ? "up" : delta < 0 ? "down" : "flat";
}

/** The Monday a week starts on, as "25 May" (`short`) or "25 May 2026" (`long`), in UTC like the API's weeks. */
export function formatWeek(iso: string, style: "short" | "long" = "short"): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", ...(style === "long" ? { year: "numeric" } : {}), timeZone: "UTC" });
}

const DAY_MS = 24 * 3600 * 1000;

/** How long ago, roughly: "today", "yesterday", "5 days ago", "3 weeks ago"; a dash when there is no date. */
export function formatAge(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const days = Math.floor((now - new Date(iso).getTime()) / DAY_MS);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  return `${Math.floor(days / 7)} weeks ago`;
}

/**
 * A score axis that shows movement: the values' range padded by 5 points, in steps of 5 and within 0–100, so a trend
 * from 74 to 77 is not a flat line at the top of a 0–100 axis. [0, 100] when there is nothing to show.
 */
export function scoreDomain(values: ReadonlyArray<number | null | undefined>): [number, number] {
  const known = values.filter((value): value is number => typeof value === "number");
  if (known.length === 0) return [0, 100];
  const low = Math.max(0, Math.floor((Math.min(...known) - 5) / 5) * 5);
  const high = Math.min(100, Math.ceil((Math.max(...known) + 5) / 5) * 5);
  return [low, high];
}

/** "1 repository", "3 repositories": a count with its noun in the right number. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : pluralForm}`;
}

/** Round ticks for a score axis from `scoreDomain`: every 5 points on a short axis, 10 or 20 on longer ones. */
export function scoreTicks([low, high]: [number, number]): number[] {
  const span = high - low;
  const step = span <= 25 ? 5 : span <= 60 ? 10 : 20;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high; tick += step) ticks.push(tick);
  return ticks;
}
