import type { JSX } from "react";
import type { ScanDto } from "../_lib/dto";

/**
 * A scan's status as a coloured badge (queued, running, succeeded, failed), followed by a "dead letter" badge when the
 * scan failed after its last retry or its job died — the scans the queue gave up on, which "Run again" can restart.
 */
export function ScanStatusBadge({ scan }: { scan: Pick<ScanDto, "status" | "deadLetteredAt"> }): JSX.Element {
  return (
    <span className="badges">
      <span className={`badge badge-${scan.status}`}>{scan.status}</span>
      {scan.deadLetteredAt ? (
        <span className="badge badge-dead" title="The queue gave up on this scan after its last retry">
          dead letter
        </span>
      ) : null}
    </span>
  );
}
