"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";
import { repositoriesKey } from "./useRepositories";
import { teamsKey } from "./useTeams";

export interface RegisterRepositoryInput {
  url: string;
  branch?: string;
  team?: string;
  /** Write-only: sent once, stored encrypted; the answer only says `hasAccessToken`. */
  accessToken?: string;
}

/**
 * Registers a repository through the API and refreshes the repository lists and the teams (it may bring a new one) on
 * success. Rejections (invalid URL, host not allowed, duplicate) arrive as an `ApiError` whose message is written for the user.
 */
export function useRegisterRepository(): UseMutationResult<RepositoryDto, Error, RegisterRepositoryInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterRepositoryInput) =>
      fetchJson<RepositoryDto>("/api/repositories", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: repositoriesKey }), queryClient.invalidateQueries({ queryKey: teamsKey })]),
  });
}
