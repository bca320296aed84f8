import type { JSX } from "react";
import { deltaDirection, formatDelta } from "../_lib/dashboard-format";

const ARROWS = { up: "▲", down: "▼", flat: "", unknown: "" } as const;

/** A change of score over the period: signed, coloured green up and red down, with an arrow that is not read aloud. */
export function Delta({ value, label = "change over the period" }: { value: number | null | undefined; label?: string }): JSX.Element {
  const direction = deltaDirection(value);
  return (
    <span className={`delta delta-${direction}`} title={label} data-testid="delta">
      {ARROWS[direction] ? <span aria-hidden="true">{ARROWS[direction]} </span> : null}
      {formatDelta(value)}
    </span>
  );
}
