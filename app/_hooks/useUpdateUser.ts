"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { UserDto } from "../_lib/dto";
import type { Role } from "../_lib/permissions";
import { usersKey } from "./useUsers";

/** What `PATCH /api/users/:id` changes: a field left out stays as it is; `team: null` takes the user out of their team. */
export interface UpdateUserInput {
  role?: Role;
  team?: string | null;
  name?: string | null;
  disabled?: boolean;
  password?: string;
}

/**
 * Changes a user (role, team, name, password, disabled) and refreshes the list. The server ends the user's sessions
 * when their rights or password change, and refuses to demote or disable the last active admin.
 */
export function useUpdateUser(): UseMutationResult<UserDto, Error, { id: string; changes: UpdateUserInput }> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }) => fetchJson<UserDto>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(changes) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
