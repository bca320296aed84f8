"use client";
import { useMutation, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the signed-in user's password (`POST /api/auth/password`). The server ends the user's other sessions; this
 * one stays signed in.
 */
export function useChangePassword(): UseMutationResult<null, Error, ChangePasswordInput> {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => fetchJson<null>("/api/auth/password", { method: "POST", body: JSON.stringify(input) }),
  });
}
