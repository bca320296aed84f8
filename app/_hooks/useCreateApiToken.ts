"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { CreatedApiTokenDto } from "../_lib/dto";
import type { TokenScope } from "../_lib/permissions";
import { apiTokensKey } from "./useApiTokens";

/** A team token (team slug + scopes) or an admin token (`admin: true`, no team, no scopes). */
export type CreateApiTokenInput = { name: string; team: string; scopes: TokenScope[] } | { name: string; admin: true };

/**
 * Issues an API token (`POST /api/tokens`). The answer carries the secret this once — the caller shows it and lets it
 * go; the list is refreshed and holds only its prefix.
 */
export function useCreateApiToken(): UseMutationResult<CreatedApiTokenDto, Error, CreateApiTokenInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => fetchJson<CreatedApiTokenDto>("/api/tokens", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });
}
