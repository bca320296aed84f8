import type { JSX } from "react";

/** A column heading: numeric columns are right-aligned; some are left out on a phone, where rows stack. */
export interface Column {
  title: string;
  isNumeric?: boolean;
  isHiddenWhenNarrow?: boolean;
}

/** A table's header row from its column titles (a plain string is a left-aligned column shown everywhere). */
export function TableHead({ columns }: { columns: ReadonlyArray<string | Column> }): JSX.Element {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { title, isNumeric = false, isHiddenWhenNarrow = false } = typeof column === "string" ? { title: column } : column;
          const className = [isNumeric ? "num" : "", isHiddenWhenNarrow ? "hide-narrow" : ""].filter(Boolean).join(" ");
          return (
            <th scope="col" key={title} className={className || undefined}>
              {title}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
