import { z } from "zod";
import { SEVERITIES } from "../../../../analyzers";
import type { FindingItemDto, FindingsPageDto } from "../../../_lib/dto";
import { getDb, Prisma } from "../../db";
import { AppError, notFound } from "../../errors";
import { reuseWhileUnchanged } from "./cache";
import { queryObject } from "./query";
import { changeCountSql, chosenSnapshotSql, FINGERPRINTS_SQL, previousSnapshotSql, scanIdInput } from "./snapshots";
import { iso, isActive, SECTION, SECTION_CTES, sectionInfo, sectionJoins } from "./sql";

/** Largest page of findings one request may ask for. */
export const MAX_PAGE_SIZE = 200;
const SORTS = ["severity", "file", "rule"] as const;

export const findingsInput = z.object({
  snapshot: scanIdInput.optional(),
  rule: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a rule id such as function-size")).max(50).optional(),
  tag: z.array(z.string().regex(/^[A-Z0-9+/]{1,16}$/, "must be a guide tag such as DRY or CI/CD")).max(50).optional(),
  severity: z.array(z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` })).max(3).optional(),
  path: z.string().max(1024, "is too long").refine((path) => !path.includes("\u0000"), "must not contain NUL").optional(),
  change: z.enum(["all", "new", "fixed"], { error: "must be all, new or fixed" }).default("all"),
  suppressed: z.enum(["include", "exclude", "only"], { error: "must be include, exclude or only" }).default("include"),
  sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(", ")}` }).default("severity"),
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  page: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "starts at 1").max(100_000).default(1),
  pageSize: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(50),
});

export type FindingsInput = z.infer<typeof findingsInput>;

interface PageRow {
  repository: boolean;
  snapshot: { scanId: string; at: string } | null;
  previous: string | null;
  total: number;
  counts: FindingsPageDto["counts"];
  facets: FindingsPageDto["facets"];
  items: Array<Omit<FindingItemDto, "section" | "suppressed"> & { section: string; suppressedKind: string | null; suppressedReason: string | null; suppressedLine: number | null }>;
}

/**
 * `GET /api/repositories/:id/findings`: one page of a snapshot's findings (`snapshot=`, else the latest), filtered by
 * rule, guide tag, severity (each a list: repeated or comma-separated), path prefix, suppression and change since the
 * previous snapshot (`change=new`, or `change=fixed` for the previous snapshot's findings that are gone), sorted by
 * severity (errors first), file or rule, with the total for paging and the snapshot's counts per rule, severity and tag.
 * Unknown repository or snapshot: 404.
 */
export async function listFindings(id: string, query: URLSearchParams): Promise<FindingsPageDto> {
  const input = findingsInput.parse(queryObject(query, ["rule", "tag", "severity"]));
  const order = input.order ?? (input.sort === "severity" ? "desc" : "asc");
  const row = await reuseWhileUnchanged(`findings/${id}/${order}/${JSON.stringify(input)}`, () => findingsPage(id, input, order));
  if (!row.repository) throw notFound("Repository", id);
  if (!row.snapshot) {
    if (input.snapshot !== undefined) throw new AppError("not_found", `Snapshot ${JSON.stringify(input.snapshot)} does not exist in this repository.`);
    throw new AppError("not_found", `Repository ${JSON.stringify(id)} has no snapshot yet: scan it first.`);
  }
  return {
    repositoryId: id,
    snapshot: row.snapshot,
    previousScanId: row.previous,
    sort: input.sort,
    order,
    page: input.page,
    pageSize: input.pageSize,
    total: row.total,
    counts: row.counts,
    facets: row.facets,
    items: row.items.map(({ suppressedKind, suppressedReason, suppressedLine, section, ...item }) => ({
      ...item,
      section: sectionInfo(section),
      suppressed: suppressedKind || suppressedReason ? { kind: suppressedKind ?? "inline", reason: suppressedReason, line: suppressedLine } : null,
    })),
  };
}

/** The filters of `input` on findings aliased `f`. */
function filters(input: FindingsInput): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (input.rule) conditions.push(Prisma.sql`f."ruleId" = ANY(${input.rule}::text[])`);
  if (input.tag) conditions.push(Prisma.sql`f."guideTags" && ${input.tag}::text[]`);
  if (input.severity) conditions.push(Prisma.sql`f.severity::text = ANY(${input.severity}::text[])`);
  if (input.path) conditions.push(Prisma.sql`starts_with(f.file, ${input.path})`);
  if (input.suppressed === "exclude") conditions.push(isActive("f"));
  if (input.suppressed === "only") conditions.push(Prisma.sql`NOT (${isActive("f")})`);
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** Sort keys: the chosen one in `order`, then file, line and id ascending so pages never overlap. */
export function orderBy(sort: FindingsInput["sort"], order: "asc" | "desc"): Prisma.Sql {
  const direction = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const first = { severity: Prisma.sql`f.severity ${direction}`, file: Prisma.sql`f.file ${direction}, f.line ${direction}`, rule: Prisma.sql`f."ruleId" ${direction}` }[sort];
  return Prisma.sql`${first}, f.file, f.line, f.id`;
}

/**
 * The CTEs (after SECTION_CTES) of a findings listing: `chosen` (the snapshot asked for), `prev` (the one before it),
 * `fingerprints`, `snapshot_rows` (the chosen snapshot's findings with `active` and `seen`), and `chosen_rows`: the rows
 * of the snapshot (or, for `change=fixed`, of the previous one) that pass the filters, each with its `change`. Shared by
 * the page below and the CSV export (services/findings-csv.ts), so both list the same findings.
 */
export function findingRowsCtes(repositoryId: string, input: FindingsInput): Prisma.Sql {
  const listed = {
    all: Prisma.sql`SELECT f.*, CASE WHEN NOT f.active OR NOT EXISTS (SELECT 1 FROM prev) THEN NULL WHEN f.seen THEN 'unchanged' ELSE 'new' END AS change FROM snapshot_rows f WHERE true`,
    new: Prisma.sql`SELECT f.*, 'new' AS change FROM snapshot_rows f WHERE f.active AND NOT f.seen AND EXISTS (SELECT 1 FROM prev)`,
    fixed: Prisma.sql`SELECT f.*, 'fixed' AS change FROM "Finding" f JOIN fingerprints p ON p.fingerprint = f.fingerprint AND p.before AND NOT p.now
                      WHERE f."scanId" = (SELECT id FROM prev) AND ${isActive("f")}`,
  }[input.change];
  return Prisma.sql`
    chosen AS (${chosenSnapshotSql(repositoryId, input.snapshot)}),
    prev AS (${previousSnapshotSql(repositoryId)}),
    fingerprints AS (${FINGERPRINTS_SQL}),
    snapshot_rows AS (
      SELECT f.*, ${isActive("f")} AS active, coalesce(p.before, false) AS seen
      FROM "Finding" f LEFT JOIN fingerprints p ON p.fingerprint = f.fingerprint
      WHERE f."scanId" = (SELECT id FROM chosen)
    ),
    chosen_rows AS (${listed} ${filters(input)})`;
}

/**
 * One statement: whether the repository exists, the snapshot asked for and the one before it, the rows of the snapshot
 * (or, for `change=fixed`, of the previous one) that pass the filters, each marked new / unchanged / fixed by
 * fingerprint, how many there are and the page asked for, and the whole snapshot's counts and facets.
 */
async function findingsPage(repositoryId: string, input: FindingsInput, order: "asc" | "desc"): Promise<PageRow> {
  const [row] = await getDb().$queryRaw<Array<{ result: PageRow }>>`
    WITH ${SECTION_CTES},
    ${findingRowsCtes(repositoryId, input)}
    SELECT json_build_object(
      'repository', EXISTS (SELECT 1 FROM "Repository" WHERE id = ${repositoryId}),
      'snapshot', (SELECT json_build_object('scanId', id, 'at', ${iso(Prisma.sql`at`)}) FROM chosen),
      'previous', (SELECT id FROM prev),
      'total', (SELECT count(*) FROM chosen_rows),
      'items', (SELECT coalesce(json_agg(json_build_object(
                  'id', f.id, 'ruleId', f."ruleId", 'guideTags', f."guideTags", 'severity', f.severity, 'file', f.file, 'line', f.line,
                  'endLine', f."endLine", 'message', f.message, 'fingerprint', f.fingerprint, 'snippet', f.snippet,
                  'suppressedKind', f."suppressedKind", 'suppressedReason', f."suppressedReason", 'suppressedLine', f."suppressedLine",
                  'change', f.change, 'section', ${SECTION}) ORDER BY ${orderBy(input.sort, order)}), '[]')
                FROM (SELECT * FROM chosen_rows f ORDER BY ${orderBy(input.sort, order)} LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}) f
                ${sectionJoins("f")}),
      'counts', (SELECT json_build_object(
                   'all', count(*), 'active', count(*) FILTER (WHERE active), 'suppressed', count(*) FILTER (WHERE NOT active),
                   'new', CASE WHEN EXISTS (SELECT 1 FROM prev) THEN count(*) FILTER (WHERE active AND NOT seen) END,
                   'fixed', ${changeCountSql("fixed")})
                 FROM snapshot_rows),
      'facets', json_build_object(
        'rules', (SELECT coalesce(json_agg(json_build_object('ruleId', "ruleId", 'count', n) ORDER BY n DESC, "ruleId"), '[]') FROM (SELECT "ruleId", count(*) AS n FROM snapshot_rows GROUP BY 1) x),
        'severities', (SELECT coalesce(json_agg(json_build_object('severity', severity, 'count', n) ORDER BY severity DESC), '[]') FROM (SELECT severity, count(*) AS n FROM snapshot_rows GROUP BY 1) x),
        'tags', (SELECT coalesce(json_agg(json_build_object('tag', tag, 'count', n) ORDER BY n DESC, tag), '[]') FROM (SELECT unnest("guideTags") AS tag, count(*) AS n FROM snapshot_rows GROUP BY 1) x))
    ) AS result`;
  if (!row) throw new Error("the findings query returned no row");
  return row.result;
}
