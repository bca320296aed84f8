"use client";
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { AuditPageDto } from "../_lib/dto";

export interface AuditFilters {
  /** Exact action, e.g. "user.create"; empty: every action. */
  action: string;
  /** Who did it; empty: anyone. */
  actor: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** The query string of the audit log for these filters (also the CSV download's, with `format=csv`). */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (filters.action.trim()) query.set("action", filters.action.trim());
  if (filters.actor.trim()) query.set("actor", filters.actor.trim());
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query.toString();
}

/**
 * The audit log, newest first, a page at a time (`GET /api/audit`): each further page starts before the last event
 * shown (`nextBefore`), so events recorded meanwhile never shift what is already on screen.
 */
export function useAuditLog(filters: AuditFilters): UseInfiniteQueryResult<InfiniteData<AuditPageDto>, Error> {
  return useInfiniteQuery({
    queryKey: ["audit", filters.action.trim(), filters.actor.trim()],
    queryFn: ({ pageParam }) => fetchJson<AuditPageDto>(`/api/audit?${auditQuery(filters, { limit: String(AUDIT_PAGE_SIZE), ...(pageParam ? { before: pageParam } : {}) })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}
