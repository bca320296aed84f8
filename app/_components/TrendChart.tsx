"use client";
import type { JSX } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatWeek, plural, scoreDomain, scoreTicks } from "../_lib/dashboard-format";
import type { TrendPointDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { hoveredRow, type TooltipProps } from "./hoveredRow";

/** The week, its score and how many repositories it averages. */
function TrendTooltip(props: TooltipProps): JSX.Element | null {
  const point = hoveredRow<TrendPointDto>(props);
  if (!point) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatScore(point.score)}</strong>
      <div className="muted">week of {formatWeek(point.week, "long")}</div>
      <div className="muted small">mean of {plural(point.repositories, "repository", "repositories")}</div>
    </div>
  );
}

/** What the chart shows, in words, for screen readers: where the period starts and ends. */
function describeTrend(points: readonly TrendPointDto[], subject: string): string {
  const first = points.find((point) => point.score !== null);
  const last = points.at(-1);
  if (!first || !last) return `${subject}: no scores in this period`;
  return `${subject}, ${points.length} weeks: ${formatScore(first.score)} in the week of ${formatWeek(first.week, "long")}, ${formatScore(last.score)} in the week of ${formatWeek(last.week, "long")}`;
}

/**
 * A weekly score trend (one point per week, each repository counted with its latest snapshot by then). The score axis
 * is fitted to the values so a few points of movement are visible; the axis labels say where it starts.
 */
export function TrendChart({ points, subject }: { points: readonly TrendPointDto[]; subject: string }): JSX.Element {
  const isLong = points.length > 30;
  const domain = scoreDomain(points.map((point) => point.score));
  return (
    <div className="chart" role="img" aria-label={describeTrend(points, subject)} data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={[...points]} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="week" tickFormatter={(week: string) => formatWeek(week, isLong && new Date(week).getUTCMonth() === 0 ? "long" : "short")} stroke="var(--muted)" minTickGap={24} />
          <YAxis domain={domain} ticks={scoreTicks(domain)} stroke="var(--muted)" width={36} />
          <Tooltip content={TrendTooltip} cursor={{ stroke: "var(--border)" }} />
          <Line type="monotone" dataKey="score" stroke="var(--accent)" strokeWidth={2.5} dot={false} activeDot={{ r: 4 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
