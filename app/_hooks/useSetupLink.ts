"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";

/**
 * Whether a one-time setup link is still good (`GET /api/auth/setup?token=`), before the form asks for anything: a
 * used, expired or mistyped link fails with the server's reason. Not retried: the answer will not change.
 */
export function useSetupLink(token: string): UseQueryResult<unknown, Error> {
  return useQuery({
    queryKey: ["auth", "setup", token],
    queryFn: () => fetchJson<unknown>(`/api/auth/setup?token=${encodeURIComponent(token)}`),
    enabled: token !== "",
    retry: false,
    staleTime: Infinity,
  });
}
