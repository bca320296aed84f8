"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { QualityGateDto } from "../_lib/dto";
import { teamGateKey } from "./useTeamGate";

/** What `PUT /api/teams/:slug/gate` takes: the whole gate (a field left out takes its default). */
export type QualityGateInput = Pick<QualityGateDto, "minScore" | "noNewErrors" | "coverageByLayer" | "scoreDropAlert">;

/** Replaces the team's gate and puts the server's answer straight into its cache; a refused value is an `ApiError` naming it. */
export function useUpdateTeamGate(slug: string): UseMutationResult<QualityGateDto, Error, QualityGateInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (gate: QualityGateInput) => fetchJson<QualityGateDto>(`/api/teams/${encodeURIComponent(slug)}/gate`, { method: "PUT", body: JSON.stringify(gate) }),
    onSuccess: (gate) => queryClient.setQueryData(teamGateKey(slug), gate),
  });
}
