"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { SessionDto } from "../_lib/dto";
import { can, type Permission } from "../_lib/permissions";

/** Cache key of the signed-in user; signing in or out resets it. */
export const viewerKey = ["auth", "session"] as const;

/** The signed-in user (`GET /api/auth/session`). */
export function useViewer(): UseQueryResult<SessionDto, Error> {
  return useQuery({ queryKey: viewerKey, queryFn: () => fetchJson<SessionDto>("/api/auth/session"), staleTime: 5 * 60_000 });
}

/**
 * Whether the signed-in user may do `permission` on a resource of the team with slug `teamSlug` (null:
 * organisation-wide) — the same table the server enforces (app/_lib/permissions.ts), compared by slug because the DTOs
 * name teams by slug. For hiding controls only: the server checks every request. False while the session loads.
 */
export function useCan(permission: Permission, teamSlug: string | null): boolean {
  const { data } = useViewer();
  if (!data) return false;
  const { user } = data;
  return can({ kind: "user", id: user.id, email: user.email, role: user.role, teamId: user.team?.slug ?? null, sessionId: "" }, permission, teamSlug);
}
