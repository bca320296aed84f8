"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The snapshot opened on the repository page, kept in the URL (`?snapshot=<scanId>`) so a link or a reload shows the
 * same one; null means the current snapshot. Selecting pushes a history entry (Back returns to the previous one)
 * without a server round trip: Next.js keeps `useSearchParams` in step with `history.pushState`.
 */
export function useSelectedSnapshot(): [string | null, (scanId: string | null) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const select = useCallback(
    (scanId: string | null) => {
      const params = new URLSearchParams(searchParams.toString());
      if (scanId === null) params.delete("snapshot");
      else params.set("snapshot", scanId);
      const query = params.toString();
      window.history.pushState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname, searchParams],
  );
  return [searchParams.get("snapshot"), select];
}
