"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { UserDto } from "../_lib/dto";

/** Cache key of the user list; creating or changing a user refreshes it. */
export const usersKey = ["users"] as const;

/** Every user by email, with role, team, state and last sign-in (`GET /api/users`, admins only). */
export function useUsers(): UseQueryResult<UserDto[], Error> {
  return useQuery({ queryKey: usersKey, queryFn: () => fetchJson<UserDto[]>("/api/users") });
}
