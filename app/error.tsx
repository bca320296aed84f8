"use client";
import Link from "next/link";

/**
 * What a page shows when rendering it failed unexpectedly (its data errors are shown by the page itself): no stack
 * trace, a way to try again and a way home; the digest ties it to the server's log entry.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card notice notice-error" role="alert">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Trying again often helps; if it does not, the server log has the details{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <div className="actions">
        <button type="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to the overview</Link>
      </div>
    </section>
  );
}
