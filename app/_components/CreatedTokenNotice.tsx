"use client";
import { useRef, useState, type JSX, type RefObject } from "react";
import type { CreatedApiTokenDto } from "../_lib/dto";

/** Copies to the clipboard; where the browser refuses, the token stays selected so Ctrl+C copies it. */
function useCopy(field: RefObject<HTMLInputElement | null>): { copy: () => void; copied: boolean | null } {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    field.current?.select();
    navigator.clipboard.writeText(field.current?.value ?? "").then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return { copy, copied };
}

/**
 * The secret of a token just created, shown this once with a copy button and a warning: Heimdall keeps only its hash,
 * so it cannot be shown again. "Done" lets it go.
 */
export function CreatedTokenNotice({ token, onDone }: { token: CreatedApiTokenDto; onDone: () => void }): JSX.Element {
  const field = useRef<HTMLInputElement>(null);
  const { copy, copied } = useCopy(field);
  return (
    <section className="card notice token-created" aria-labelledby="created-token-heading" data-testid="created-token">
      <h2 id="created-token-heading">Token “{token.name}” created</h2>
      <p className="warn-text" role="alert">
        <strong>Copy it now: it is shown only this once.</strong> Heimdall stores only a hash of it; if it is lost, revoke it and create another.
      </p>
      <div className="token-secret">
        <label className="visually-hidden" htmlFor="created-token-value">
          The new API token
        </label>
        <input id="created-token-value" ref={field} readOnly value={token.token} spellCheck={false} autoComplete="off" onFocus={(event) => event.currentTarget.select()} data-testid="created-token-value" />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="small" role="status">
        {copied === true ? "Copied to the clipboard." : copied === false ? "The browser did not allow copying: the token is selected, press Ctrl+C (⌘C)." : ""}
      </p>
      <p className="muted small">
        Use it as <code>Authorization: Bearer {token.prefix}…</code> in your pipeline's secret store, never in the repository.
      </p>
      <div>
        <button type="button" className="secondary" onClick={onDone}>
          Done, I have copied it
        </button>
      </div>
    </section>
  );
}
