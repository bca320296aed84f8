"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { UserDto } from "../_lib/dto";
import type { Role } from "../_lib/permissions";
import { usersKey } from "./useUsers";

export interface CreateUserInput {
  email: string;
  name?: string;
  role: Role;
  /** Team slug: required for leads and members, optional for viewers, never for admins. */
  team?: string;
  /** The first password, which the admin hands over; the user changes it under Account. */
  password: string;
}

/** Creates a user (`POST /api/users`) and refreshes the list; a refusal (email taken, team missing) is an `ApiError`. */
export function useCreateUser(): UseMutationResult<UserDto, Error, CreateUserInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => fetchJson<UserDto>("/api/users", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
