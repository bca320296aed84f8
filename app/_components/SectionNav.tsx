"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { JSX } from "react";

export interface SubPage {
  href: string;
  label: string;
}

/** The pages of a section (settings, admin) as tab-like links; the open one is marked current. */
export function SectionNav({ label, pages }: { label: string; pages: readonly SubPage[] }): JSX.Element {
  const pathname = usePathname();
  return (
    <nav className="subnav" aria-label={label}>
      {pages.map((page) => (
        <Link key={page.href} href={page.href} aria-current={pathname === page.href ? "page" : undefined}>
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
