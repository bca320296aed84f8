import type { JSX, ReactNode } from "react";
import { formatWeek } from "../_lib/dashboard-format";
import type { PeriodDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { Delta } from "./Delta";
import { GradeBadge } from "./GradeBadge";

interface ScoreSummaryProps {
  title: string;
  score: number | null;
  grade: string | null;
  previousScore: number | null;
  delta: number | null;
  period: PeriodDto;
  /** A line under the score, e.g. how many repositories it averages. */
  note?: string;
  /** Key facts under a rule: label and value pairs. */
  facts?: ReadonlyArray<readonly [string, ReactNode]>;
}

/** Label and value pairs under a rule; nothing when there are none. */
function Facts({ facts }: { facts: ReadonlyArray<readonly [string, ReactNode]> }): JSX.Element | null {
  if (facts.length === 0) return null;
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A score with its grade and its change since the end of the period's first week: the headline of a dashboard page. */
export function ScoreSummary({ title, score, grade, previousScore, delta, period, note, facts = [] }: ScoreSummaryProps): JSX.Element {
  return (
    <section className="card score-card" aria-labelledby="score-heading">
      <h2 id="score-heading">{title}</h2>
      <div className="score-line">
        <GradeBadge score={score} grade={grade} />
        <span className="score" data-testid="headline-score">
          {formatScore(score)}
        </span>
        <span className="muted">/ 100</span>
      </div>
      <p className="score-change">
        <Delta value={delta} /> <span className="muted small">since the week of {formatWeek(period.from, "long")} ({formatScore(previousScore)})</span>
      </p>
      {note ? <p className="muted small">{note}</p> : null}
      <Facts facts={facts} />
    </section>
  );
}
