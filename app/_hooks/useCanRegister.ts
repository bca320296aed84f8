"use client";
import { useCan, useViewer } from "./useViewer";

/** Whether the signed-in user may register repositories: an admin (any team) or a lead (their own team). */
export function useCanRegister(): boolean {
  const team = useViewer().data?.user.team?.slug ?? null;
  return useCan("repositories:manage", team);
}
