import { toCsv, type CsvColumn } from "../csv";
import { getDb } from "../db";
import { AppError, notFound } from "../errors";
import { queryObject } from "./dashboard/query";
import { findingRowsCtes, findingsInput, orderBy } from "./dashboard/findings";
import { SECTION, SECTION_CTES, sectionInfo, sectionJoins } from "./dashboard/sql";
import { downloadName } from "./sarif-export";

/** Most rows one CSV export holds; a larger selection is cut there and says so in X-Heimdall-Truncated. */
export const MAX_CSV_ROWS = 50_000;

interface CsvRow {
  severity: string;
  ruleId: string;
  guideTags: string[];
  section: string;
  file: string;
  line: number;
  endLine: number;
  message: string;
  change: string | null;
  suppressedKind: string | null;
  suppressedReason: string | null;
  fingerprint: string;
}

const COLUMNS: ReadonlyArray<CsvColumn<CsvRow>> = [
  { header: "severity", value: (row) => row.severity },
  { header: "rule", value: (row) => row.ruleId },
  { header: "guide tags", value: (row) => row.guideTags.join(" ") },
  { header: "section", value: (row) => sectionInfo(row.section).title },
  { header: "file", value: (row) => row.file },
  { header: "line", value: (row) => row.line },
  { header: "end line", value: (row) => row.endLine },
  { header: "message", value: (row) => row.message },
  { header: "change", value: (row) => row.change },
  { header: "suppressed", value: (row) => row.suppressedKind ?? (row.suppressedReason === null ? null : "inline") },
  { header: "suppression reason", value: (row) => row.suppressedReason },
  { header: "fingerprint", value: (row) => row.fingerprint },
];

export interface FindingsCsv {
  filename: string;
  csv: string;
  rows: number;
  /** More findings matched than MAX_CSV_ROWS. */
  isTruncated: boolean;
}

interface ExportRow {
  repository: { name: string } | null;
  snapshot: { scanId: string; commitSha: string | null } | null;
  items: CsvRow[];
}

/**
 * `GET /api/repositories/:id/findings.csv`: every finding of the findings list's selection — the same filters, sort and
 * change (`snapshot`, `rule`, `tag`, `severity`, `path`, `change`, `suppressed`, `sort`, `order`; `page` and `pageSize`
 * are ignored), all pages — up to MAX_CSV_ROWS. No code snippets: the file and line say where to look.
 */
export async function exportFindingsCsv(repositoryId: string, query: URLSearchParams): Promise<FindingsCsv> {
  const input = findingsInput.parse(queryObject(query, ["rule", "tag", "severity"]));
  const order = input.order ?? (input.sort === "severity" ? "desc" : "asc");
  const [row] = await getDb().$transaction(async (tx) => {
    // The export reads the whole snapshot, which a hash join does in one pass. Just after a scan stored it, PostgreSQL
    // has no statistics of its rows yet and may choose a nested loop over every pair instead (20,000 rows: a minute).
    await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
    return tx.$queryRaw<Array<{ result: ExportRow }>>`
    WITH ${SECTION_CTES},
    ${findingRowsCtes(repositoryId, input)}
    SELECT json_build_object(
      'repository', (SELECT json_build_object('name', name) FROM "Repository" WHERE id = ${repositoryId}),
      'snapshot', (SELECT json_build_object('scanId', s.id, 'commitSha', s."commitSha") FROM "Scan" s WHERE s.id = (SELECT id FROM chosen)),
      'items', (SELECT coalesce(json_agg(json_build_object(
                  'severity', f.severity, 'ruleId', f."ruleId", 'guideTags', f."guideTags", 'section', ${SECTION}, 'file', f.file, 'line', f.line,
                  'endLine', f."endLine", 'message', f.message, 'change', f.change, 'suppressedKind', f."suppressedKind",
                  'suppressedReason', f."suppressedReason", 'fingerprint', f.fingerprint) ORDER BY ${orderBy(input.sort, order)}), '[]')
                FROM (SELECT * FROM chosen_rows f ORDER BY ${orderBy(input.sort, order)} LIMIT ${MAX_CSV_ROWS + 1}) f
                ${sectionJoins("f")})
    ) AS result`;
  }, { timeout: 60_000 });
  const result = row?.result;
  if (!result?.repository) throw notFound("Repository", repositoryId);
  if (!result.snapshot) {
    if (input.snapshot !== undefined) throw new AppError("not_found", `Snapshot ${JSON.stringify(input.snapshot)} does not exist in this repository.`);
    throw new AppError("not_found", `Repository ${JSON.stringify(repositoryId)} has no snapshot yet: scan it first.`);
  }
  const isTruncated = result.items.length > MAX_CSV_ROWS;
  const items = isTruncated ? result.items.slice(0, MAX_CSV_ROWS) : result.items;
  const filename = downloadName(result.repository.name, result.snapshot.commitSha ?? result.snapshot.scanId, "csv").replace(/\.csv$/, "-findings.csv");
  return { filename, csv: toCsv(COLUMNS, items), rows: items.length, isTruncated };
}
