"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type JSX, type ReactNode } from "react";
import { viewerKey } from "../_hooks/useViewer";
import { ApiError } from "../_lib/api-client";
import type { SessionDto } from "../_lib/dto";

/** A failed query is tried once more, unless the server refused it (4xx: asking again gets the same answer). */
function retryOnce(failures: number, error: Error): boolean {
  return failures < 1 && !(error instanceof ApiError && error.status < 500);
}

/**
 * Client-side context for the whole app (the react-query cache). The client lives in state, so each browser session
 * gets its own and a re-render never throws the cache away. The signed-in user the server rendered the page for seeds
 * the cache, so role-dependent controls show right away instead of after a round trip.
 */
export function Providers({ children, session }: { children: ReactNode; session: SessionDto | null }): JSX.Element {
  const [queryClient] = useState(() => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: retryOnce } } });
    if (session) client.setQueryData(viewerKey, session);
    return client;
  });
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
