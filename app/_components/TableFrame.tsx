import type { JSX, ReactNode } from "react";
import { CsvButton, type CsvTable } from "./CsvButton";

/** What the frame's "Download CSV" saves: the file's name, what it holds in words (for its label), and the data. */
export interface TableDownload {
  filename: string;
  what: string;
  table: CsvTable;
}

/** A table of a page: a "Download CSV" of what it shows above it, and sideways scrolling on a narrow screen. */
export function TableFrame({ download, children }: { download: TableDownload; children: ReactNode }): JSX.Element {
  return (
    <>
      <div className="table-tools">
        <CsvButton {...download} />
      </div>
      <div className="table-scroll">{children}</div>
    </>
  );
}
