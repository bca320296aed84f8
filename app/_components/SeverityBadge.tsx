import type { JSX } from "react";

const MARKS = { error: "●", warning: "▲", info: "■" } as const;

/** A finding's severity as a coloured badge with a shape, so it does not rest on colour alone; the shape is not read aloud. */
export function SeverityBadge({ severity }: { severity: "info" | "warning" | "error" }): JSX.Element {
  return (
    <span className={`badge severity severity-${severity}`}>
      <span aria-hidden="true">{MARKS[severity]} </span>
      {severity}
    </span>
  );
}
