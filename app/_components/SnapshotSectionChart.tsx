"use client";
import type { JSX } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Text, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { gradeFor } from "../../analyzers/core/scoring";
import type { GuideSectionRefDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";

const ROW_HEIGHT = 34;

interface Row {
  id: string;
  label: string;
  score: number | null;
  /** What the bar and its label show: a sliver and "0.0" for zero, "n/a" for a section where no rule applies. */
  bar: number;
  display: string;
  rules: number;
}

/** Section of one snapshot: its guide reference, weighted score and how many rules it holds. */
export interface SnapshotSection extends GuideSectionRefDto {
  score: number | null;
  rules: readonly unknown[];
}

/** A section's name beside its bar, wrapped onto two lines when the label column is narrow (a phone). */
function SectionTick({ x, y, payload, width }: { x?: number | string; y?: number | string; payload?: { value: string }; width: number }): JSX.Element {
  return (
    <Text x={Number(x)} y={Number(y)} width={width - 8} textAnchor="end" verticalAnchor="middle" fill="var(--text)" fontSize={12} maxLines={2}>
      {payload?.value ?? ""}
    </Text>
  );
}

function SectionTooltip({ active, payload }: Pick<TooltipContentProps, "active" | "payload">): JSX.Element | null {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{row.label}</strong>
      <div>{row.score === null ? "not applicable" : `${formatScore(row.score)} · grade ${gradeFor(row.score)}`}</div>
      <div className="muted small">{row.rules === 1 ? "1 rule" : `${row.rules} rules`} · click to see them</div>
    </div>
  );
}

/**
 * One snapshot's guide sections as horizontal bars in the guide's order, coloured by the grade their score would get;
 * a click on a bar calls `onOpen` with the section's id (the rule table below scrolls to it). The table holds the same
 * numbers for screen readers, so the chart is one labelled image.
 */
export function SnapshotSectionChart({ sections, onOpen, labelWidth = 210 }: { sections: readonly SnapshotSection[]; onOpen: (sectionId: string) => void; labelWidth?: number }): JSX.Element {
  const rows: Row[] = sections.map((section) => ({
    ...{ id: section.id, label: `${section.number}. ${section.title}`, score: section.score, rules: section.rules.length },
    ...{ bar: section.score ?? 0, display: section.score === null ? "n/a" : formatScore(section.score) },
  }));
  const summary = rows.map((row) => `${row.label} ${row.score === null ? "not applicable" : formatScore(row.score)}`).join("; ");
  return (
    <div className="chart section-chart" role="img" aria-label={`Score per guide section: ${summary}`} data-testid="snapshot-section-chart">
      <ResponsiveContainer width="100%" height={rows.length * ROW_HEIGHT + 32}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 44, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} stroke="var(--muted)" />
          <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tickLine={false} stroke="var(--muted)" tick={(props: object) => <SectionTick {...props} width={labelWidth} />} />
          <Tooltip content={SectionTooltip} cursor={{ fill: "var(--grid)" }} />
          <Bar dataKey="bar" barSize={16} minPointSize={3} radius={[0, 4, 4, 0]} isAnimationActive={false} cursor="pointer" onClick={(data: { payload?: Row }) => data.payload && onOpen(data.payload.id)}>
            {rows.map((row) => (
              <Cell key={row.id} fill={row.score === null ? "var(--muted)" : `var(--${gradeFor(row.score).toLowerCase()})`} />
            ))}
            <LabelList dataKey="display" position="right" fill="var(--text)" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
