"use client";
import Link from "next/link";
import type { UseQueryResult } from "@tanstack/react-query";
import type { JSX, ReactNode } from "react";
import { ApiError } from "../_lib/api-client";

/** A placeholder while a view's data loads: announced politely, shaped like the cards it stands in for. */
export function Loading({ what }: { what: string }): JSX.Element {
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="muted">Loading {what}…</span>
      <div className="skeleton-grid" aria-hidden="true">
        <div className="skeleton skeleton-tall" />
        <div className="skeleton skeleton-tall" />
        <div className="skeleton skeleton-wide" />
      </div>
    </div>
  );
}

/**
 * Why a view could not load, in the server's words, with a way forward: try again, or — when the server refused the
 * URL's filters (400) or does not know the team (404) — the same page without them.
 */
export function LoadFailed({ error, what, retry, resetHref }: { error: Error; what: string; retry: () => void; resetHref?: string }): JSX.Element {
  const refused = error instanceof ApiError && (error.status === 400 || error.status === 404);
  return (
    <section className="card notice notice-error" role="alert" data-testid="load-failed">
      <h2>Could not load {what}</h2>
      <p>{error.message}</p>
      <div className="actions">
        {refused && resetHref ? <Link href={resetHref}>Show this page with the default filters</Link> : null}
        <button type="button" className="secondary" onClick={retry}>
          Try again
        </button>
      </div>
    </section>
  );
}

interface QueryBoundaryProps<T> {
  query: UseQueryResult<T, Error>;
  /** What is loading, for the messages: "the overview". */
  what: string;
  resetHref: string;
  /** Test id of the body, which carries `data-ready` once the answer for the current filters is shown. */
  testId: string;
  children: (data: T) => ReactNode;
}

/**
 * A view's data through its three states: loading, failed (with the server's reason and a way forward) and shown. While
 * new filters load, the previous answer stays on screen, marked busy.
 */
export function QueryBoundary<T>({ query, what, resetHref, testId, children }: QueryBoundaryProps<T>): JSX.Element {
  if (query.isPending) return <Loading what={what} />;
  if (query.error) return <LoadFailed error={query.error} what={what} retry={() => void query.refetch()} resetHref={resetHref} />;
  return (
    <div className="dashboard" aria-busy={query.isPlaceholderData} data-testid={testId} data-ready={!query.isPlaceholderData}>
      {children(query.data)}
    </div>
  );
}
