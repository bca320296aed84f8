"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { QualityGateDto } from "../_lib/dto";

/** Cache key of a team's quality gate; `useUpdateTeamGate` writes the saved gate into it. */
export const teamGateKey = (slug: string): readonly ["team-gate", string] => ["team-gate", slug] as const;

/** The team's quality gate (`GET /api/teams/:slug/gate`): its defaults until someone sets it. */
export function useTeamGate(slug: string): UseQueryResult<QualityGateDto, Error> {
  return useQuery({ queryKey: teamGateKey(slug), queryFn: () => fetchJson<QualityGateDto>(`/api/teams/${encodeURIComponent(slug)}/gate`) });
}
