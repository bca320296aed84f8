// The CSV writer is isomorphic (app/_lib/csv.ts): the browser saves its tables with the same rules.
export { csvField, csvRecord, toCsv, type CsvColumn } from "../_lib/csv";

/** A CSV download: `text/csv` (with the header row declared, RFC 4180) named `filename`. */
export function csvResponse(csv: string, filename: string, headers: Record<string, string> = {}): Response {
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${safeName}"`,
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });
}
