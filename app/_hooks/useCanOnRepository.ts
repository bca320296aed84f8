"use client";
import type { Permission } from "../_lib/permissions";
import { useRepository } from "./useRepository";
import { useCan } from "./useViewer";

/**
 * Whether the signed-in user may do `permission` on this repository (its team's: findings:read for members and leads,
 * scans:trigger for leads; admins everything). False while the repository loads. For hiding links and controls only;
 * the server refuses the request anyway.
 */
export function useCanOnRepository(permission: Permission, repositoryId: string): boolean {
  const repository = useRepository(repositoryId);
  return useCan(permission, repository.data?.team.slug ?? null);
}
