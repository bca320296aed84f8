"use client";
import { useMutation, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { SessionDto } from "../_lib/dto";
import { safeNext } from "../_lib/page-path";

export interface SignInInput {
  email: string;
  password: string;
}

/**
 * Signs in (`POST /api/auth/sign-in`, which sets the session cookies) and then loads `next` as a new page, so every
 * part of it — the navigation, the cached data — is rendered for the signed-in user. A refusal (wrong password,
 * too many attempts) stays on the form as an `ApiError`.
 */
export function useSignIn(next: string | null): UseMutationResult<SessionDto, Error, SignInInput> {
  return useMutation({
    mutationFn: (input: SignInInput) => fetchJson<SessionDto>("/api/auth/sign-in", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => window.location.assign(safeNext(next)),
  });
}
