"use client";
import type { JSX } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Text, Tooltip, XAxis, YAxis } from "recharts";
import { gradeFor } from "../../analyzers/core/scoring";
import { useMediaQuery } from "../_hooks/useMediaQuery";
import { plural } from "../_lib/dashboard-format";
import type { SectionScoreDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { hoveredRow, type TooltipProps } from "./hoveredRow";

const ROW_HEIGHT = 34;

interface Row {
  label: string;
  score: number | null;
  repositories: number;
}

/** The bar's colour: the grade its score would get, the same colours as the grade badges. */
const gradeColour = (score: number | null): string => (score === null ? "var(--muted)" : `var(--${gradeFor(score).toLowerCase()})`);

/** A section's name beside its bar, wrapped onto up to three lines when the column is narrow. */
function SectionTick({ x, y, payload, width, fontSize }: { x?: number | string; y?: number | string; payload?: { value: string }; width: number; fontSize: number }): JSX.Element {
  return (
    <Text x={Number(x)} y={Number(y)} width={width - 8} textAnchor="end" verticalAnchor="middle" fill="var(--text)" fontSize={fontSize} maxLines={3}>
      {payload?.value ?? ""}
    </Text>
  );
}

function SectionTooltip(props: TooltipProps): JSX.Element | null {
  const row = hoveredRow<Row>(props);
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{row.label}</strong>
      <div>
        {formatScore(row.score)} {row.score === null ? "" : `· grade ${gradeFor(row.score)}`}
      </div>
      <div className="muted small">mean over {plural(row.repositories, "repository", "repositories")}</div>
    </div>
  );
}

/** The bars' rows; on a phone the section numbers go, so the titles fit beside the bars. */
function sectionRows(sections: readonly SectionScoreDto[], isNarrow: boolean): Row[] {
  return sections.map((section) => ({ label: isNarrow ? section.title : `${section.number}. ${section.title}`, score: section.score, repositories: section.repositories }));
}

/** Every section and its score in the chart's order, for screen readers (always with the section numbers). */
function describe(sections: readonly SectionScoreDto[]): string {
  return sections.map((section) => `${section.number}. ${section.title} ${formatScore(section.score)}`).join("; ");
}

/**
 * Guide sections as horizontal bars in the order given (the API's: weakest first), each bar coloured by the grade of
 * its score and labelled with it. `labelWidth` is the column for the section names (narrower, without numbers, on a phone).
 */
export function SectionBarChart({ sections, labelWidth: wideLabels = 200 }: { sections: readonly SectionScoreDto[]; labelWidth?: number }): JSX.Element {
  const isNarrow = useMediaQuery("(max-width: 480px)");
  const labelWidth = isNarrow ? 136 : wideLabels;
  const rows = sectionRows(sections, isNarrow);
  return (
    <div className="chart" role="img" aria-label={`Guide sections from weakest to strongest: ${describe(sections)}`} data-testid="section-chart">
      <ResponsiveContainer width="100%" height={rows.length * (isNarrow ? ROW_HEIGHT + 8 : ROW_HEIGHT) + 36}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 44, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} stroke="var(--muted)" ticks={[0, 25, 50, 75, 100]} />
          <YAxis type="category" dataKey="label" width={labelWidth} stroke="var(--muted)" tickLine={false} interval={0} tick={(props: object) => <SectionTick {...props} width={labelWidth} fontSize={isNarrow ? 12 : 13} />} />
          <Tooltip content={SectionTooltip} cursor={{ fill: "var(--grid)" }} />
          <Bar dataKey="score" barSize={18} radius={[0, 4, 4, 0]} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.label} fill={gradeColour(row.score)} />
            ))}
            <LabelList dataKey="score" position="right" fill="var(--text)" fontSize={12} formatter={(value: unknown) => formatScore(typeof value === "number" ? value : null)} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
