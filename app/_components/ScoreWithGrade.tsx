import type { JSX } from "react";
import { formatScore } from "../_lib/format";
import { GradeBadge } from "./GradeBadge";

/** A table cell's score: the grade badge and the score with one decimal. */
export function ScoreWithGrade({ score, grade }: { score: number | null; grade: string | null }): JSX.Element {
  return (
    <span className="score-with-grade">
      <GradeBadge score={score} grade={grade} /> {formatScore(score)}
    </span>
  );
}
