"use client";
import { useMutation, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";

/**
 * Ends the session on the server (`POST /api/auth/sign-out`) and loads the sign-in page afresh, which drops everything
 * this tab had cached for the user.
 */
export function useSignOut(): UseMutationResult<null, Error, void> {
  return useMutation({
    mutationFn: () => fetchJson<null>("/api/auth/sign-out", { method: "POST" }),
    onSuccess: () => window.location.assign("/login"),
  });
}
