import Link from "next/link";
import type { JSX } from "react";

/**
 * What is wrong with the URL's filters (a mistyped or truncated link), and a way out: the same page with the default
 * filters. Shown instead of the page's data; nothing is requested with values that cannot be right.
 */
export function FilterProblems({ problems, resetHref }: { problems: readonly string[]; resetHref: string }): JSX.Element {
  return (
    <section className="card notice notice-error" role="alert" data-testid="filter-problems">
      <h2>This link’s filters cannot be used</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <Link href={resetHref}>Show this page with the default filters</Link>
    </section>
  );
}
