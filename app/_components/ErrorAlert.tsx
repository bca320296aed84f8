import type { JSX } from "react";

/** The server's message for a refused request, announced at once to screen readers; nothing when there is no error. */
export function ErrorAlert({ error }: { error: Error | null }): JSX.Element | null {
  if (!error) return null;
  return (
    <p className="error-text" role="alert">
      {error.message}
    </p>
  );
}
