import type { JSX } from "react";

/** A rule's guide tags as the guide writes them, `[DRY]`, `[UNIT]`; nothing when there are none. */
export function GuideTags({ tags }: { tags: readonly string[] }): JSX.Element | null {
  if (tags.length === 0) return null;
  return <span className="guide-tags muted small">{tags.map((tag) => `[${tag}]`).join(" ")}</span>;
}
