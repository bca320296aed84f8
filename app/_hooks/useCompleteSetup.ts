"use client";
import { useMutation, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { SessionDto } from "../_lib/dto";

export interface SetupInput {
  token: string;
  email: string;
  password: string;
  name?: string;
}

/**
 * Creates the first admin with the one-time setup link (`POST /api/auth/setup`), which also signs them in; then the
 * overview loads as a new page.
 */
export function useCompleteSetup(): UseMutationResult<SessionDto, Error, SetupInput> {
  return useMutation({
    mutationFn: (input: SetupInput) => fetchJson<SessionDto>("/api/auth/setup", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => window.location.assign("/"),
  });
}
