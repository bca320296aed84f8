import type { JSX, ReactNode } from "react";

/** A form's submit button: disabled and saying "Saving…" while its request is on its way, so it cannot be sent twice. */
export function SaveButton({ pending, children }: { pending: boolean; children: ReactNode }): JSX.Element {
  return (
    <button type="submit" disabled={pending}>
      {pending ? "Saving…" : children}
    </button>
  );
}
