import type { ScanDto } from "../_lib/dto";
import { formatDate, formatDuration, shortSha } from "../_lib/format";

export function ScanStatus({ scan }: { scan: ScanDto | null }) {
  if (!scan) return <p className="muted">Never scanned.</p>;
  return (
    <div className={`scan-status scan-${scan.status}`} data-testid="scan-status" role="status">
      <strong>Last scan: {scan.status}</strong>
      <span className="muted">
        {" "}
        queued {formatDate(scan.queuedAt)}
        {scan.finishedAt ? ` · took ${formatDuration(scan.durationMs)}` : ""}
        {scan.commitSha ? ` · commit ${shortSha(scan.commitSha)}` : ""}
      </span>
      {scan.error ? <p className="error-text" data-testid="scan-error">{scan.error}</p> : null}
    </div>
  );
}
