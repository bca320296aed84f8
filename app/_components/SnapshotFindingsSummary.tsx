import type { JSX } from "react";
import type { RepositoryHistoryDto } from "../_lib/dto";
import { findingsHref } from "../_lib/finding-filters";
import { FindingsLink } from "./FindingsLink";

const count = (value: number, noun: string): string => `${value} ${noun}${value === 1 ? "" : "s"}`;

type Snapshot = NonNullable<RepositoryHistoryDto["snapshot"]>;
type Href = (filters: Parameters<typeof findingsHref>[1]) => string;

/** New and fixed since the snapshot before, or that there is none to compare with. */
function ChangeLinks({ snapshot, href, repositoryId }: { snapshot: Snapshot; href: Href; repositoryId: string }): JSX.Element {
  if (snapshot.previousScanId === null) return <span className="muted"> · the first snapshot: nothing to compare with</span>;
  return (
    <>
      {" · "}
      <FindingsLink repositoryId={repositoryId} href={href({ change: "new" })} className="change-new">
        {snapshot.newFindings ?? 0} new
      </FindingsLink>
      {" · "}
      <FindingsLink repositoryId={repositoryId} href={href({ change: "fixed" })} className="change-fixed">
        {snapshot.fixedFindings ?? 0} fixed
      </FindingsLink>
      <span className="muted"> since the previous snapshot</span>
    </>
  );
}

/**
 * A snapshot's findings in a line: how many count, how many are suppressed, and how many are new and fixed since the
 * snapshot before it — each a link into the findings explorer for those who may read them. `linkSnapshot` null makes the links follow the latest
 * snapshot (for the current one).
 */
export function SnapshotFindingsSummary({ snapshot, repositoryId, linkSnapshot }: { snapshot: Snapshot; repositoryId: string; linkSnapshot: string | null }): JSX.Element {
  const rules = snapshot.sections.flatMap((section) => section.rules);
  const counted = rules.reduce((sum, rule) => sum + rule.findingCount, 0);
  const suppressed = rules.reduce((sum, rule) => sum + rule.suppressedCount, 0);
  const href: Href = (filters) => findingsHref(repositoryId, { snapshot: linkSnapshot, ...filters });
  return (
    <p className="findings-summary" data-testid="findings-summary">
      <FindingsLink repositoryId={repositoryId} href={href({ suppressed: "exclude" })}>{count(counted, "finding")}</FindingsLink>
      {suppressed > 0 ? (
        <>
          {" · "}
          <FindingsLink repositoryId={repositoryId} href={href({ suppressed: "only" })}>{suppressed} suppressed</FindingsLink>
        </>
      ) : null}
      <ChangeLinks snapshot={snapshot} href={href} repositoryId={repositoryId} />
    </p>
  );
}
