"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { fetchJson } from "../_lib/api-client";
import type { WebhookDto } from "../_lib/dto";

/** Cache key of a team's webhooks (null: the organisation's); creating or deleting one invalidates it. */
export const webhooksKey = (team: string | null): readonly ["webhooks", string | null] => ["webhooks", team] as const;

/** The webhooks of a team (`GET /api/webhooks?team=slug`), or of the organisation with `null`; `enabled` false skips the request. */
export function useWebhooks(team: string | null, enabled = true): UseQueryResult<WebhookDto[], Error> {
  return useQuery({
    queryKey: webhooksKey(team),
    queryFn: () => fetchJson<WebhookDto[]>(`/api/webhooks${team ? `?team=${encodeURIComponent(team)}` : ""}`),
    enabled,
  });
}
