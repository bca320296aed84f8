"use client";
import type { JSX } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
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

/** Average width of a 12 px system-font character, to fit a label into its column without measuring it. */
const CHAR_PX = 6.4;

/** Words of `label` in at most two lines of `chars` characters; an overlong second line ends in "…". */
function wrapLabel(label: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && (last + " " + word).length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= 2) return lines;
  const second = lines.slice(1).join(" ");
  return [lines[0] ?? "", `${second.slice(0, Math.max(1, chars - 1))}…`];
}

/** A section's name right-aligned beside its bar, on two lines when its column is narrow (a phone). */
function SectionLabel({ x, y, payload, width }: { x?: number | string; y?: number | string; payload?: { value: string }; width: number }): JSX.Element {
  const lines = wrapLabel(payload?.value ?? "", Math.floor((width - 8) / CHAR_PX));
  return (
    <text x={Number(x)} y={Number(y)} textAnchor="end" fill="var(--text)" fontSize={12}>
      {lines.map((line, index) => (
        <tspan key={index} x={Number(x)} dy={index === 0 ? `${0.35 - (lines.length - 1) * 0.55}em` : "1.1em"}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The hovered section: its score and grade, how many rules it holds, and that a click shows them. */
function SectionTooltip(props: Pick<TooltipContentProps, "active" | "payload">): JSX.Element | null {
  const hovered = props.active ? (props.payload?.[0]?.payload as Row | undefined) : undefined;
  if (!hovered) return null;
  const verdict = hovered.score === null ? "not applicable" : `${hovered.display} · grade ${gradeFor(hovered.score)}`;
  return (
    <div className="chart-tooltip">
      <strong>{hovered.label}</strong>
      <div>{verdict}</div>
      <div className="muted small">{`${hovered.rules} rule${hovered.rules === 1 ? "" : "s"} · click to see them`}</div>
    </div>
  );
}

/** The bar's colour: the grade its score would get (the grade badges' colours), muted where no rule applies. */
const barColour = (row: Row): string => (row.score === null ? "var(--muted)" : `var(--${gradeFor(row.score).toLowerCase()})`);

function toRows(sections: readonly SnapshotSection[]): Row[] {
  return sections.map((section) => ({
    ...{ id: section.id, label: `${section.number}. ${section.title}`, score: section.score, rules: section.rules.length },
    ...{ bar: section.score ?? 0, display: section.score === null ? "n/a" : formatScore(section.score) },
  }));
}

/**
 * One snapshot's guide sections as horizontal bars in the guide's order, coloured by the grade their score would get;
 * a click on a bar calls `onOpen` with the section's id (the rule table below scrolls to it). The table holds the same
 * numbers for screen readers, so the chart is one labelled image.
 */
export function SnapshotSectionChart({ sections, onOpen, labelWidth = 210 }: { sections: readonly SnapshotSection[]; onOpen: (sectionId: string) => void; labelWidth?: number }): JSX.Element {
  const rows = toRows(sections);
  const summary = rows.map((row) => `${row.label} ${row.score === null ? "not applicable" : row.display}`).join("; ");
  return (
    <div className="chart section-chart" role="img" aria-label={`Score per guide section: ${summary}`} data-testid="snapshot-section-chart">
      <ResponsiveContainer width="100%" height={rows.length * ROW_HEIGHT + 32}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 44, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} stroke="var(--muted)" />
          <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tickLine={false} stroke="var(--muted)" tick={(props: object) => <SectionLabel {...props} width={labelWidth} />} />
          <Tooltip content={SectionTooltip} cursor={{ fill: "var(--grid)" }} />
          <Bar dataKey="bar" barSize={16} minPointSize={3} radius={[0, 4, 4, 0]} isAnimationActive={false} cursor="pointer" onClick={(data: { payload?: Row }) => data.payload && onOpen(data.payload.id)}>
            {rows.map((row) => <Cell key={row.id} fill={barColour(row)} />)}
            <LabelList dataKey="display" position="right" fill="var(--text)" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
