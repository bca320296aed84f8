"use client";
import { useMemo, useState, type JSX } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatWeek, scoreDomain, scoreTicks } from "../_lib/dashboard-format";
import type { GuideSectionRefDto, TeamOverviewDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { hoveredRow, type TooltipProps } from "./hoveredRow";

const OVERALL = "overall";

interface Series {
  key: string;
  label: string;
  colour: string;
}

type Row = Record<string, number | string | null>;

/** Overall first (the accent colour), then each guide section in the guide's order with the section's own colour. */
function seriesOf(sections: readonly GuideSectionRefDto[]): Series[] {
  return [{ key: OVERALL, label: "Overall", colour: "var(--accent)" }, ...sections.map((section) => ({ key: section.id, label: `${section.number}. ${section.title}`, colour: `var(--series-${section.number})` }))];
}

function rowsOf(trend: TeamOverviewDto["trend"]): Row[] {
  return trend.map((point) => ({ week: point.week, [OVERALL]: point.score, ...point.sections }));
}

/** At first: the overall line and the three weakest sections at the end of the period. */
function initialSelection(trend: TeamOverviewDto["trend"]): Set<string> {
  const last = trend.at(-1)?.sections ?? {};
  const weakest = Object.entries(last)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([id]) => id);
  return new Set([OVERALL, ...weakest]);
}

/** One toggle per line: pressed shows it. A coloured swatch ties the button to its line. */
function SeriesToggles({ series, shown, toggle }: { series: readonly Series[]; shown: ReadonlySet<string>; toggle: (key: string) => void }): JSX.Element {
  return (
    <div className="series-toggles" role="group" aria-label="Lines shown">
      {series.map((line) => (
        <button key={line.key} type="button" className="toggle" aria-pressed={shown.has(line.key)} onClick={() => toggle(line.key)}>
          <span className="swatch" style={{ background: line.colour }} aria-hidden="true" />
          {line.label}
        </button>
      ))}
    </div>
  );
}

function renderTooltip(series: readonly Series[], shown: ReadonlySet<string>) {
  return function TeamTooltip(props: TooltipProps): JSX.Element | null {
    const row = hoveredRow<Row>(props);
    if (!row) return null;
    return (
      <div className="chart-tooltip">
        <div className="muted">week of {formatWeek(String(row.week), "long")}</div>
        {series
          .filter((line) => shown.has(line.key))
          .map((line) => (
            <div key={line.key}>
              <span className="swatch" style={{ background: line.colour }} aria-hidden="true" /> {line.label}: <strong>{formatScore(row[line.key] as number | null)}</strong>
            </div>
          ))}
      </div>
    );
  };
}

/** The lines shown, each toggled on or off: the overall line and the three weakest sections at first. */
function useShownLines(trend: TeamOverviewDto["trend"]): [ReadonlySet<string>, (key: string) => void] {
  const [shown, setShown] = useState<ReadonlySet<string>>(() => initialSelection(trend));
  const toggle = (key: string) => setShown((previous) => new Set(previous.has(key) ? [...previous].filter((item) => item !== key) : [...previous, key]));
  return [shown, toggle];
}

function TrendLines({ rows, series, shown }: { rows: Row[]; series: readonly Series[]; shown: ReadonlySet<string> }): JSX.Element {
  const visible = series.filter((line) => shown.has(line.key));
  const domain = scoreDomain(rows.flatMap((row) => visible.map((line) => row[line.key] as number | null)));
  return (
    <div className="chart" role="img" aria-label={`Weekly score of the team: ${visible.map((line) => line.label).join(", ") || "no line chosen"}`}>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={rows} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="week" tickFormatter={(week: string) => formatWeek(week)} stroke="var(--muted)" minTickGap={24} />
          <YAxis domain={domain} ticks={scoreTicks(domain)} stroke="var(--muted)" width={36} />
          <Tooltip content={renderTooltip(series, shown)} cursor={{ stroke: "var(--border)" }} />
          {visible.map((line) => (
            <Line key={line.key} type="monotone" dataKey={line.key} name={line.label} stroke={line.colour} strokeWidth={line.key === OVERALL ? 3 : 1.75} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * A team's weekly score, overall and per guide section, with a toggle per line (the overall line and the three weakest
 * sections are shown at first). The score axis fits the lines shown.
 */
export function TeamTrendChart({ trend, sections }: Pick<TeamOverviewDto, "trend" | "sections">): JSX.Element {
  const series = useMemo(() => seriesOf(sections), [sections]);
  const rows = useMemo(() => rowsOf(trend), [trend]);
  const [shown, toggle] = useShownLines(trend);
  return (
    <div data-testid="team-trend">
      <SeriesToggles series={series} shown={shown} toggle={toggle} />
      <TrendLines rows={rows} series={series} shown={shown} />
    </div>
  );
}
