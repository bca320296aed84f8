"use client";
import Link from "next/link";
import type { JSX } from "react";
import { useCanOnRepository } from "../_hooks/useCanOnRepository";

/**
 * The repository's two views as tabs-like links: its overview page and its findings explorer; the open one is marked
 * current. Findings show code, so their tab is there only for those who may read the owning team's findings.
 */
export function RepositoryNav({ repositoryId, current }: { repositoryId: string; current: "overview" | "findings" }): JSX.Element {
  const canReadFindings = useCanOnRepository("findings:read", repositoryId);
  const base = `/repositories/${encodeURIComponent(repositoryId)}`;
  const views = [
    { id: "overview", label: "Overview", href: base },
    ...(canReadFindings || current === "findings" ? [{ id: "findings", label: "Findings", href: `${base}/findings` }] : []),
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
