import { z } from "zod";
import { AppError } from "../../errors";

/** The periods the dashboard offers, in weeks back from the current week. */
export const RANGES = { "12w": 12, "26w": 26, "52w": 52, "104w": 104 } as const;
export type RangeName = keyof typeof RANGES;
export const DEFAULT_RANGE: RangeName = "26w";
/** Longest period a `from`–`to` query may span: enough for three years of weekly points, bounded for the database. */
export const MAX_WEEKS = 156;

const WEEK_MS = 7 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The time window of a dashboard view. Weeks start on Monday 00:00 UTC; `weeks` lists the start of every week shown,
 * oldest first. A repository counts in a week with its latest snapshot before the week's end (or before `to` in the
 * last week): scores carry forward over weeks without a scan.
 */
export interface Period {
  /** Start of the first week shown. */
  from: Date;
  /** Exclusive end: nothing at or after it is counted. At most now. */
  to: Date;
  weeks: Date[];
  range: RangeName | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` (a whole day, UTC) or an ISO date-time with its offset; `isEnd` turns a bare date into the next midnight. */
function instant(isEnd: boolean) {
  return z
    .string()
    .trim()
    .refine((text) => DATE_ONLY.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text), "must be a date (YYYY-MM-DD) or an ISO date-time with an offset (2026-11-26T12:00:00Z)")
    .transform((text, context) => {
      const date = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
      // JavaScript rolls 2026-02-30 over into March; a day that does not exist is refused instead.
      if (Number.isNaN(date.getTime()) || (DATE_ONLY.test(text) && date.toISOString().slice(0, 10) !== text)) {
        context.addIssue({ code: "custom", message: "is not a real date" });
        return z.NEVER;
      }
      return DATE_ONLY.test(text) && isEnd ? new Date(date.getTime() + DAY_MS) : date;
    });
}

/** The period parameters every dashboard view but the findings takes: `range`, or `from` and `to`. */
export const periodInput = z.object({
  range: z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]], { error: `must be one of ${Object.keys(RANGES).join(", ")}` }).optional(),
  from: instant(false).optional(),
  to: instant(true).optional(),
});

/** Monday 00:00 UTC of the week `date` falls in. */
export function weekStart(date: Date): Date {
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day));
}

/**
 * The period a query asks for: `range=12w|26w|52w|104w` (weeks back from the week of `to`, default 26w), or `from`
 * (and optionally `to`) — not both. `to` defaults to now and is clamped to it. Throws a 400 AppError otherwise.
 */
export function resolvePeriod(input: z.infer<typeof periodInput>, now = new Date()): Period {
  if (input.range && input.from) throw new AppError("invalid_request", "Give either range or from (with an optional to), not both.");
  const to = input.to && input.to < now ? input.to : now;
  const last = weekStart(new Date(to.getTime() - 1));
  const range = input.from ? null : (input.range ?? DEFAULT_RANGE);
  const first = input.from ? weekStart(input.from) : new Date(last.getTime() - RANGES[range ?? DEFAULT_RANGE] * WEEK_MS);
  if (input.from && input.from >= to) throw new AppError("invalid_request", "from must be before to (and before now).");
  const count = Math.round((last.getTime() - first.getTime()) / WEEK_MS) + 1;
  if (count > MAX_WEEKS + 1) throw new AppError("invalid_request", `The period spans ${count} weeks; at most ${MAX_WEEKS} are allowed.`);
  const weeks = Array.from({ length: count }, (_, index) => new Date(first.getTime() + index * WEEK_MS));
  return { from: first, to, weeks, range };
}

/** The end of week `week` for a period: the next Monday, or `to` for the current week. */
export function weekEnd(period: Period, week: Date): Date {
  const end = new Date(week.getTime() + WEEK_MS);
  return end < period.to ? end : period.to;
}

/** What identifies a period's aggregates: its weeks, and its end when it is not "now". */
export function periodKey(period: Period, hasExplicitEnd: boolean): string {
  return `${period.from.toISOString()}/${period.weeks.length}/${hasExplicitEnd ? period.to.toISOString() : "now"}`;
}
