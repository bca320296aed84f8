import type { JSX } from "react";
import { formatScore } from "../_lib/format";

/** The letter grade, coloured by grade, with the exact score on hover; a dash for a repository that has no snapshot yet. */
export function GradeBadge({ score, grade }: { score: number | null; grade: string | null }): JSX.Element {
  if (score === null) return <span className="grade grade-none" title="Not scanned yet">—</span>;
  return (
    <span className={`grade grade-${(grade ?? "none").toLowerCase()}`} title={`Score ${formatScore(score)} / 100`}>
      {grade}
    </span>
  );
}
