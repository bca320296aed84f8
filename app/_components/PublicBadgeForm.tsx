"use client";
import { useSyncExternalStore, type JSX } from "react";
import { useCanOnRepository } from "../_hooks/useCanOnRepository";
import { useUpdateRepository } from "../_hooks/useUpdateRepository";
import type { RepositoryDto } from "../_lib/dto";
import { ErrorAlert } from "./ErrorAlert";

const noSubscription = () => () => undefined;

/** This server's origin in the browser; empty while rendering on the server, so the first paint matches hydration. */
function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
}

/** The Markdown a README embeds: the badge, linking to the repository's page. */
function badgeMarkdown(origin: string, repository: RepositoryDto): string {
  const id = encodeURIComponent(repository.id);
  return `[![Heimdall](${origin}/api/repositories/${id}/badge.svg)](${origin}/repositories/${id})`;
}

/**
 * Whether the repository serves its status badge (score and grade, nothing else) to anyone, and the Markdown to embed
 * it. Off by default; only those who manage the repository may switch it.
 */
export function PublicBadgeForm({ repository }: { repository: RepositoryDto }): JSX.Element {
  const update = useUpdateRepository(repository.id);
  const canManage = useCanOnRepository("repositories:manage", repository.id);
  const origin = useOrigin();
  return (
    <div className="form" role="group" aria-labelledby="badge-heading" data-testid="public-badge">
      <h3 id="badge-heading">Status badge</h3>
      <label className="choice">
        <input type="checkbox" checked={repository.public} disabled={!canManage || update.isPending} onChange={(event) => update.mutate({ public: event.target.checked })} />
        Public badge: anyone with its address sees this repository&apos;s score and grade
      </label>
      <ErrorAlert error={update.error} />
      {repository.public ? (
        <>
          <img src={`/api/repositories/${encodeURIComponent(repository.id)}/badge.svg`} alt={`Heimdall status badge of ${repository.name}`} height={20} />
          <label>
            Markdown for a README
            <textarea readOnly rows={2} value={badgeMarkdown(origin, repository)} spellCheck={false} onFocus={(event) => event.currentTarget.select()} data-testid="badge-markdown" />
          </label>
        </>
      ) : (
        <p className="muted small">Off: the badge address answers “not found”, as it does for a repository that does not exist.{canManage ? "" : " A team lead or an admin can turn it on."}</p>
      )}
    </div>
  );
}
