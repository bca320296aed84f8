"use client";
import Link from "next/link";
import type { ComponentProps, JSX } from "react";
import { useCanOnRepository } from "../_hooks/useCanOnRepository";

/**
 * A link into a repository's findings for those who may read them; for everyone else (viewers, other teams) the same
 * words as plain text, so a count stays readable without leading to a page that would refuse them.
 */
export function FindingsLink({ repositoryId, href, children, className, ...rest }: ComponentProps<typeof Link> & { repositoryId: string }): JSX.Element {
  const allowed = useCanOnRepository("findings:read", repositoryId);
  if (!allowed) return <span className={className}>{children}</span>;
  return (
    <Link href={href} className={className} {...rest}>
      {children}
    </Link>
  );
}
