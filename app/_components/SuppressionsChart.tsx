"use client";
import type { JSX } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatWeek } from "../_lib/dashboard-format";
import type { TeamOverviewDto } from "../_lib/dto";
import { hoveredRow, type TooltipProps } from "./hoveredRow";

type Point = TeamOverviewDto["suppressions"][number];

function SuppressionTooltip(props: TooltipProps): JSX.Element | null {
  const point = hoveredRow<Point>(props);
  if (!point) return null;
  return (
    <div className="chart-tooltip">
      <div className="muted">week of {formatWeek(point.week, "long")}</div>
      <div>
        <span className="swatch" style={{ background: "var(--warn)" }} aria-hidden="true" /> suppressed: <strong>{point.suppressed.toLocaleString("en-GB")}</strong>
      </div>
      <div>
        <span className="swatch" style={{ background: "var(--muted)" }} aria-hidden="true" /> counted findings: <strong>{point.findings.toLocaleString("en-GB")}</strong>
      </div>
    </div>
  );
}

function SuppressionsLegend(): JSX.Element {
  return (
    <p className="chart-legend muted small">
      <span>
        <span className="swatch" style={{ background: "var(--warn)" }} aria-hidden="true" /> suppressed (left axis)
      </span>
      <span>
        <span className="swatch swatch-line" aria-hidden="true" /> counted findings (right axis)
      </span>
    </p>
  );
}

/** What a screen reader hears: the last week's counts. */
function describe(last: Point | undefined): string {
  return last ? `Suppressed findings per week: ${last.suppressed} suppressed and ${last.findings} counted in the last week` : "No suppressions in this period";
}

/**
 * Suppressed findings each week (an area, left axis) against the findings that count (a line, right axis), summed over
 * the team's repositories: suppressions that grow while findings do not are worth a look.
 */
export function SuppressionsChart({ points }: { points: TeamOverviewDto["suppressions"] }): JSX.Element {
  return (
    <div className="chart" role="img" aria-label={describe(points.at(-1))} data-testid="suppressions-chart">
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={[...points]} margin={{ top: 12, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="week" tickFormatter={(week: string) => formatWeek(week)} stroke="var(--muted)" minTickGap={24} />
          <YAxis yAxisId="suppressed" stroke="var(--warn)" width={44} allowDecimals={false} />
          <YAxis yAxisId="findings" orientation="right" stroke="var(--muted)" width={52} allowDecimals={false} />
          <Tooltip content={SuppressionTooltip} cursor={{ stroke: "var(--border)" }} />
          <Area yAxisId="suppressed" type="monotone" dataKey="suppressed" stroke="var(--warn)" fill="var(--warn)" fillOpacity={0.25} isAnimationActive={false} />
          <Line yAxisId="findings" type="monotone" dataKey="findings" stroke="var(--muted)" strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <SuppressionsLegend />
    </div>
  );
}
