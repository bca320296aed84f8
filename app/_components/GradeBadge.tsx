import { formatScore } from "../_lib/format";

export function GradeBadge({ score, grade }: { score: number | null; grade: string | null }) {
  if (score === null) return <span className="grade grade-none" title="Not scanned yet">—</span>;
  return (
    <span className={`grade grade-${(grade ?? "none").toLowerCase()}`} title={`Score ${formatScore(score)} / 100`}>
      {grade}
    </span>
  );
}
