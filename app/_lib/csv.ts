/**
 * CSV exports (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line break,
 * quotes doubled). Pure: no I/O, so every export formats the same way — the server's downloads (app/_server/csv.ts) and
 * the tables the browser saves (CsvButton) — and the rules are unit-tested once.
 *
 * Exported data is opened in spreadsheets, which run a cell that starts with `=`, `+`, `-` or `@` as a formula (and
 * some treat a leading tab or carriage return the same way): a finding message or an audit detail written by someone
 * else could then exfiltrate data or run commands (OWASP "CSV injection"). Such text cells get a leading `'`, which
 * spreadsheets show as text; numbers are written as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

/** One field: null and undefined are empty, dates ISO 8601, objects JSON, text neutralised and quoted as needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : JSON.stringify(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** A whole document: the header record, then one record per row. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  let csv = csvRecord(columns.map((column) => column.header));
  for (const row of rows) csv += csvRecord(columns.map((column) => column.value(row)));
  return csv;
}
