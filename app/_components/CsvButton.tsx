"use client";
import type { JSX } from "react";
import { csvRecord } from "../_lib/csv";

export type CsvCell = string | number | boolean | null | undefined;

/** A table as plain data: its header and rows, as the CSV file will hold them. */
export interface CsvTable {
  header: readonly string[];
  rows: ReadonlyArray<readonly CsvCell[]>;
}

/** The CSV text of a table, with the server's rules (RFC 4180, formula-like cells neutralised: app/_lib/csv.ts). */
export function tableCsv(table: CsvTable): string {
  return [table.header, ...table.rows].map((row) => csvRecord(row)).join("");
}

/** Hands the browser a file to save, without a round trip: the table is already on screen. */
function saveFile(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the next task can let the blob go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Download CSV" of a table on screen (what is loaded: the period, filters and page shown), written in the browser. */
export function CsvButton({ filename, table, what }: { filename: string; table: CsvTable; what: string }): JSX.Element {
  return (
    <button type="button" className="secondary small-button csv-button" onClick={() => saveFile(filename, tableCsv(table))} aria-label={`Download ${what} as CSV`} disabled={table.rows.length === 0}>
      Download CSV
    </button>
  );
}
