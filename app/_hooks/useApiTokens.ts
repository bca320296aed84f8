"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { ApiTokenDto } from "../_lib/dto";

/** Cache key of the token list; creating or revoking a token refreshes it. */
export const apiTokensKey = ["api-tokens"] as const;

/** The API tokens the signed-in user manages (`GET /api/tokens`): a lead's team's, or every token for an admin. */
export function useApiTokens(): UseQueryResult<ApiTokenDto[], Error> {
  return useQuery({ queryKey: apiTokensKey, queryFn: () => fetchJson<ApiTokenDto[]>("/api/tokens") });
}
