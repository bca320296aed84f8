"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { JSX } from "react";
import type { SnapshotDto } from "../_lib/dto";
import { formatDate, shortSha } from "../_lib/format";

interface Point {
  at: number;
  score: number | null;
  commit: string;
}

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

/** Dates for long histories, times of day when every point is from the last day or two. */
function tickFormatter(points: readonly Point[]): (value: number) => string {
  const span = (points.at(-1)?.at ?? 0) - (points[0]?.at ?? 0);
  const options: Intl.DateTimeFormatOptions = span < TWO_DAYS_MS ? { hour: "2-digit", minute: "2-digit" } : { month: "short", day: "numeric" };
  return (value) => new Date(value).toLocaleString("en-GB", options);
}

function toPoints(snapshots: readonly SnapshotDto[]): Point[] {
  return snapshots.map((snapshot) => ({ at: new Date(snapshot.finishedAt).getTime(), score: snapshot.score, commit: shortSha(snapshot.commitSha) }));
}

/** Score over time, one point per snapshot (oldest first, as the API returns them); an explanation instead when there are none. */
export function ScoreChart({ snapshots }: { snapshots: SnapshotDto[] }): JSX.Element {
  if (snapshots.length === 0) return <p className="empty">No snapshots yet. Press “Scan now” and the score history will appear here.</p>;
  const points = toPoints(snapshots);
  return (
    <div className="chart" data-testid="score-chart" aria-label={`Score history, ${snapshots.length} snapshot(s)`} role="img">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 12, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} padding={{ left: 24, right: 24 }} tickFormatter={tickFormatter(points)} stroke="var(--muted)" />
          <YAxis domain={[0, 100]} stroke="var(--muted)" width={40} />
          <Tooltip labelFormatter={(value) => formatDate(new Date(Number(value)).toISOString())} formatter={(value) => [value, "score"]} />
          <Line type="monotone" dataKey="score" stroke="var(--accent)" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
