"use client";
import { useMutation, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { CreatedWebhookDto, WebhookEventDto } from "../_lib/dto";
import { webhooksKey } from "./useWebhooks";

export interface WebhookInput {
  url: string;
  events: WebhookEventDto[];
}

/**
 * Adds a webhook to the team (null: the organisation). The answer carries the signing secret, shown this once: the
 * caller keeps it on screen, the list does not have it.
 */
export function useCreateWebhook(team: string | null): UseMutationResult<CreatedWebhookDto, Error, WebhookInput> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookInput) => fetchJson<CreatedWebhookDto>("/api/webhooks", { method: "POST", body: JSON.stringify({ ...input, team }) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(team) }),
  });
}
