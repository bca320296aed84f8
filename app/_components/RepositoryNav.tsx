import Link from "next/link";
import type { JSX } from "react";

/** The repository's two views as tabs-like links: its overview page and its findings explorer; the open one is marked current. */
export function RepositoryNav({ repositoryId, current }: { repositoryId: string; current: "overview" | "findings" }): JSX.Element {
  const base = `/repositories/${encodeURIComponent(repositoryId)}`;
  const views = [
    { id: "overview", label: "Overview", href: base },
    { id: "findings", label: "Findings", href: `${base}/findings` },
  ] as const;
  return (
    <nav className="subnav" aria-label="Repository views">
      {views.map((view) => (
        <Link key={view.id} href={view.href} aria-current={view.id === current ? "page" : undefined}>
          {view.label}
        </Link>
      ))}
    </nav>
  );
}
