import Link from "next/link";
import type { JSX } from "react";
import type { ScanDto } from "../_lib/dto";
import { formatDate, formatDuration, shortSha } from "../_lib/format";
import { ScanStatusBadge } from "./ScanStatusBadge";

/**
 * The latest scan, whatever its outcome (queued, running, failed…), with its error and a link to its scan page (live
 * progress while it runs); announced to screen readers as a status.
 */
export function ScanStatus({ scan }: { scan: ScanDto | null }): JSX.Element {
  if (!scan) return <p className="muted">Never scanned.</p>;
  return (
    <div className={`scan-status scan-${scan.status}`} data-testid="scan-status" role="status">
      <strong>Last scan:</strong> <ScanStatusBadge scan={scan} />
      <span className="muted">
        {" "}
        queued {formatDate(scan.queuedAt)}
        {scan.finishedAt ? ` · took ${formatDuration(scan.durationMs)}` : ""}
        {scan.commitSha ? ` · commit ${shortSha(scan.commitSha)}` : ""}
      </span>
      {" · "}
      <Link href={`/scans/${encodeURIComponent(scan.id)}`} data-testid="latest-scan-link">
        {scan.status === "queued" || scan.status === "running" ? "Follow it live" : "Scan details"}
      </Link>
      {scan.error ? <p className="error-text" data-testid="scan-error">{scan.error}</p> : null}
    </div>
  );
}
