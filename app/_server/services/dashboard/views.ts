import type { LastScanDto, PeriodDto, ScanStatusDto } from "../../../_lib/dto";
import type { Period } from "./period";

/** A period as the API returns it. */
export function periodDto(period: Period): PeriodDto {
  return { from: period.from.toISOString(), to: period.to.toISOString(), range: period.range, weeks: period.weeks.length };
}

/** A repository's latest scan as the dashboard queries build it in SQL (json_build_object, dates already ISO strings). */
export interface LastScanRow {
  id: string | null;
  status: ScanStatusDto;
  error: string | null;
  queuedAt: string;
  finishedAt: string | null;
  deadLettered: boolean;
}

/** Null when the repository has no scan (SQL gives an object of nulls then). */
export function lastScanDto(row: LastScanRow | null): LastScanDto | null {
  if (!row?.id) return null;
  return { id: row.id, status: row.status, error: row.error, queuedAt: row.queuedAt, finishedAt: row.finishedAt, deadLettered: row.deadLettered };
}

/** `current − previous` with one decimal, or null when either is missing. */
export function difference(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : Math.round((current - previous) * 10) / 10;
}
