"use client";
import type { JSX } from "react";
import { Line, LineChart, YAxis } from "recharts";
import { deltaDirection, scoreDomain } from "../_lib/dashboard-format";

const COLOURS = { up: "var(--ok)", down: "var(--error)", flat: "var(--muted)", unknown: "var(--muted)" } as const;

/**
 * A small trend line of weekly scores (gaps where a week has none), green when the period ends higher than it began
 * and red when lower. Decorative: the score and change beside it say the same in text.
 */
export function Sparkline({ points, delta, width = 96, height = 28 }: { points: ReadonlyArray<number | null>; delta: number | null; width?: number; height?: number }): JSX.Element {
  const data = points.map((score, index) => ({ index, score }));
  return (
    <span className="sparkline" aria-hidden="true">
      <LineChart width={width} height={height} data={data} margin={{ top: 3, right: 2, bottom: 3, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={scoreDomain(points)} />
        <Line type="monotone" dataKey="score" stroke={COLOURS[deltaDirection(delta)]} strokeWidth={1.75} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </span>
  );
}
