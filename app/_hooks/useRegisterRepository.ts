"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { RepositoryDto } from "../_lib/dto";
import { repositoriesKey } from "./useRepositories";

export interface RegisterRepositoryInput {
  url: string;
  branch?: string;
  team?: string;
}

export function useRegisterRepository() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterRepositoryInput) =>
      fetchJson<RepositoryDto>("/api/repositories", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: repositoriesKey }),
  });
}
