// SQL pieces every dashboard query shares. The aggregations themselves run in PostgreSQL (docs/adr/0012): these
// fragments keep the definitions of "snapshot", "when" and "which guide section" in one place.
import { ANALYZERS, GUIDE_SECTIONS, GUIDE_TAGS, type GuideSectionId } from "../../../../analyzers";
import { Prisma } from "../../db";

/**
 * Where a snapshot sits on the timeline: its commit's date (a backfilled commit sits in the past), else when its scan
 * finished. Spelled exactly as in the partial indexes of migration 20261126200000_dashboard_indexes, so they are used.
 * Every query aliases the Scan table `s` where it uses these.
 */
export const SNAPSHOT_AT = Prisma.sql`coalesce(s."committedAt", s."finishedAt")`;

/** A stored snapshot: a succeeded scan that is not a duplicate of another scan's snapshot. */
export const IS_SNAPSHOT = Prisma.sql`s.status = 'succeeded' AND s."duplicateOfId" IS NULL`;

/** A finding that counts: not covered by an inline `heimdall-ignore` or a rule's exclude. */
export function isActive(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}."suppressedReason" IS NULL AND ${alias}."suppressedKind" IS NULL`);
}

/** An instant as an ISO 8601 string in UTC (the columns are `timestamp` holding UTC), for JSON built in SQL. */
export function iso(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${expression}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Rounded to one decimal like every stored score, or null. */
export function score1(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`round((${expression})::numeric, 1)::float8`;
}

/** The section of a rule that neither an analyzer nor the guide's catalogue places. */
export const OTHER_SECTION = "other";

/** A guide section as views show it: id, number and title, e.g. `{ id: "testing", number: 7, title: "Testing strategy" }`. */
export function sectionInfo(id: string): { id: string; number: number; title: string } {
  const section = GUIDE_SECTIONS[id as GuideSectionId];
  return section ? { id, number: section.number, title: section.title } : { id: OTHER_SECTION, number: 99, title: "Other rules" };
}

const ruleSections = ANALYZERS.map((analyzer) => [analyzer.meta.id, analyzer.meta.section] as const);
const tagSections = GUIDE_TAGS.map((entry) => [entry.tag, entry.section] as const);

/**
 * CTEs `rule_section(rule_id, section)` and `tag_section(tag, section)`. A rule's guide section is its analyzer's (the
 * section the engine scores it in); a rule no analyzer knows any more (an older snapshot) falls back to the section
 * of its first guide tag in the guide's catalogue, else "other". Use with `sectionJoins` and `SECTION`.
 */
export const SECTION_CTES = Prisma.sql`
  rule_section AS (SELECT * FROM unnest(${ruleSections.map(([id]) => id)}::text[], ${ruleSections.map(([, section]) => section)}::text[]) AS m(rule_id, section)),
  tag_section AS (SELECT * FROM unnest(${tagSections.map(([tag]) => tag)}::text[], ${tagSections.map(([, section]) => section)}::text[]) AS m(tag, section))`;

/** Joins the section CTEs to rule results (or findings) aliased `alias`; read the section with `SECTION`. */
export function sectionJoins(alias: string): Prisma.Sql {
  return Prisma.raw(`LEFT JOIN rule_section rs ON rs.rule_id = ${alias}."ruleId" LEFT JOIN tag_section ts ON ts.tag = ${alias}."guideTags"[1]`);
}

/** SQL: the guide section of the row joined by `sectionJoins`. */
export const SECTION = Prisma.sql`coalesce(rs.section, ts.section, ${OTHER_SECTION})`;

/** Weighted mean of the applicable rule scores of alias `alias`, as the engine scores sections and snapshots. */
export function weightedScore(alias: string): Prisma.Sql {
  const applicable = `${alias}.score IS NOT NULL AND ${alias}.weight > 0`;
  // heimdall-ignore injection -- `alias` is a table alias written in this module's callers, never input
  return Prisma.raw(`sum(${alias}.score * ${alias}.weight) FILTER (WHERE ${applicable}) / nullif(sum(${alias}.weight) FILTER (WHERE ${applicable}), 0)`);
}

/** The generate_series of week starts of a period, with each week's end (the next Monday, or the period's end). */
export function weeksCte(first: Date, last: Date, to: Date): Prisma.Sql {
  return Prisma.sql`weeks AS (
    SELECT week, least(week + interval '7 days', ${to}::timestamp) AS cutoff
    FROM generate_series(${first}::timestamp, ${last}::timestamp, interval '7 days') AS week)`;
}
