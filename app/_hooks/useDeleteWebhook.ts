"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import { webhooksKey } from "./useWebhooks";

/** Removes a webhook of the team (null: the organisation) with its delivery history. */
export function useDeleteWebhook(team: string | null): UseMutationResult<null, Error, string> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<null>(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(team) }),
  });
}
