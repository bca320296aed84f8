import type { JSX } from "react";
import { formatAge } from "../_lib/dashboard-format";
import type { LastScanDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";
import { ScanStatusBadge } from "./ScanStatusBadge";

/** A repository's latest scan in a table cell: its status badge (and dead letter) and how long ago it was requested. */
export function LastScan({ scan }: { scan: LastScanDto | null }): JSX.Element {
  if (!scan) return <span className="muted">never scanned</span>;
  const when = scan.finishedAt ?? scan.queuedAt;
  return (
    <span className="last-scan">
      <ScanStatusBadge scan={{ status: scan.status, deadLetteredAt: scan.deadLettered ? when : null }} />{" "}
      <span className="muted small" title={formatDate(when)}>
        {formatAge(when)}
      </span>
    </span>
  );
}
