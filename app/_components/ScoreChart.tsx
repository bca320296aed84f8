"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type DotItemDotProps, type TooltipContentProps } from "recharts";
import type { JSX, KeyboardEvent } from "react";
import type { SnapshotDto } from "../_lib/dto";
import { formatDate, formatScore, shortSha } from "../_lib/format";

interface Point {
  scanId: string;
  /** Where the snapshot sits in history: its commit's date, or when it was scanned for snapshots stored before 0.4. */
  at: number;
  score: number | null;
  grade: string | null;
  commit: string;
  partialReason: string | null;
}

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

/** Dates for long histories, times of day when every point is from the last day or two. */
function tickFormatter(points: readonly Point[]): (value: number) => string {
  const span = (points.at(-1)?.at ?? 0) - (points[0]?.at ?? 0);
  const options: Intl.DateTimeFormatOptions = span < TWO_DAYS_MS ? { hour: "2-digit", minute: "2-digit" } : { month: "short", day: "numeric" };
  return (value) => new Date(value).toLocaleString("en-GB", options);
}

function toPoints(snapshots: readonly SnapshotDto[]): Point[] {
  return snapshots
    .map((snapshot) => ({
      scanId: snapshot.scanId,
      at: new Date(snapshot.committedAt ?? snapshot.finishedAt).getTime(),
      score: snapshot.score,
      grade: snapshot.grade,
      commit: shortSha(snapshot.commitSha),
      partialReason: snapshot.partialReason,
    }))
    .sort((a, b) => a.at - b.at);
}

/** What a screen reader hears on a point, and what the tooltip says. */
function describePoint(point: Point): string {
  const partial = point.partialReason ? ", partial" : "";
  return `Snapshot ${point.commit}, ${formatDate(new Date(point.at).toISOString())}: score ${formatScore(point.score)}, grade ${point.grade ?? "—"}${partial}`;
}

interface DotOptions {
  selectedScanId: string | null;
  onSelect: (scanId: string) => void;
}

/** The one point reached with Tab (the open snapshot, else the newest); the arrow keys move between the points. */
interface RovingFocus {
  tabbableScanId: string | null;
}

/** Enter or Space opens the focused point; Left/Right (and Home/End) move the focus along the line. */
function onDotKey(event: KeyboardEvent<SVGGElement>, open: () => void): void {
  const dots = [...(event.currentTarget.ownerSVGElement?.querySelectorAll<SVGGElement>(".snapshot-dot") ?? [])];
  const index = dots.indexOf(event.currentTarget);
  const targets: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: dots.length - 1 };
  if (event.key === "Enter" || event.key === " ") open();
  else if (event.key in targets) dots[targets[event.key] ?? index]?.focus();
  else return;
  event.preventDefault();
}

/** The visible mark: a filled circle, or a hollow diamond for a partial snapshot; a ring around the open one. */
function DotMark({ cx, cy, point, selected }: { cx: number; cy: number; point: Point; selected: boolean }): JSX.Element {
  const size = selected ? 6 : 4.5;
  const mark = point.partialReason ? (
    <path d={`M ${cx} ${cy - size - 1.5} L ${cx + size + 1.5} ${cy} L ${cx} ${cy + size + 1.5} L ${cx - size - 1.5} ${cy} Z`} className="snapshot-mark-partial" />
  ) : (
    <circle cx={cx} cy={cy} r={size} className="snapshot-mark" />
  );
  return (
    <>
      {selected ? <circle cx={cx} cy={cy} r={10} className="snapshot-ring" /> : null}
      {mark}
    </>
  );
}

/** One snapshot on the line: a button (click, Enter or Space) that opens the snapshot, with a hit area wider than the mark. */
function renderDot({ selectedScanId, onSelect, tabbableScanId }: DotOptions & RovingFocus) {
  return function SnapshotDot({ cx, cy, payload }: DotItemDotProps): JSX.Element {
    const point = payload as Point;
    if (typeof cx !== "number" || typeof cy !== "number") return <g />;
    const selected = point.scanId === selectedScanId;
    const open = () => onSelect(point.scanId);
    return (
      <g className="snapshot-dot" data-scan-id={point.scanId} role="button" tabIndex={point.scanId === tabbableScanId ? 0 : -1} aria-label={describePoint(point)} aria-pressed={selected} onClick={open} onKeyDown={(event) => onDotKey(event, open)}>
        <circle cx={cx} cy={cy} r={12} className="snapshot-hit" />
        <DotMark cx={cx} cy={cy} point={point} selected={selected} />
      </g>
    );
  };
}

/** Commit, score, grade and date of the point under the pointer; repository text (the reason) is rendered as text. */
function SnapshotTooltip({ active, payload }: Pick<TooltipContentProps, "active" | "payload">): JSX.Element | null {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {formatScore(point.score)} · grade {point.grade ?? "—"}
      </strong>
      <div>commit {point.commit}</div>
      <div className="muted">{formatDate(new Date(point.at).toISOString())}</div>
      {point.partialReason ? <div className="warn-text">Partial: {point.partialReason}</div> : null}
      <div className="muted small">Click to open this snapshot</div>
    </div>
  );
}

function ChartLegend({ points }: { points: readonly Point[] }): JSX.Element {
  return (
    <p className="chart-legend muted small">
      <span>
        <span className="legend-mark" aria-hidden="true">●</span> snapshot at its commit date — click one, or Tab to the line and use ← → and Enter, to open its rule results
      </span>
      {points.some((point) => point.partialReason) ? (
        <span>
          <span className="legend-mark legend-partial" aria-hidden="true">◇</span> partial: limits left part of the repository unanalyzed
        </span>
      ) : null}
    </p>
  );
}

export interface ScoreChartProps extends DotOptions {
  /** Stored snapshots; placed by commit date (`committedAt ?? finishedAt`), so a backfilled commit sits in the past. */
  snapshots: SnapshotDto[];
}

/**
 * Score over time, one point per snapshot: each point is a button that opens that snapshot, partial snapshots are hollow
 * diamonds, and the open one has a ring. An explanation instead when there are no snapshots yet.
 */
export function ScoreChart({ snapshots, selectedScanId, onSelect }: ScoreChartProps): JSX.Element {
  if (snapshots.length === 0) return <p className="empty">No snapshots yet. Press “Scan now” (or start a backfill) and the score history will appear here.</p>;
  const points = toPoints(snapshots);
  const tabbableScanId = points.some((point) => point.scanId === selectedScanId) ? selectedScanId : (points.at(-1)?.scanId ?? null);
  return (
    <div className="chart" data-testid="score-chart" aria-label={`Score history, ${snapshots.length} snapshot(s)`} role="group">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 12, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} padding={{ left: 24, right: 24 }} tickFormatter={tickFormatter(points)} stroke="var(--muted)" />
          <YAxis domain={[0, 100]} stroke="var(--muted)" width={40} />
          <Tooltip content={SnapshotTooltip} cursor={{ stroke: "var(--border)" }} />
          <Line type="monotone" dataKey="score" stroke="var(--accent)" strokeWidth={2} dot={renderDot({ selectedScanId, onSelect, tabbableScanId })} activeDot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend points={points} />
    </div>
  );
}
