"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useUpdateRepository } from "../_hooks/useUpdateRepository";
import type { RepositoryDto } from "../_lib/dto";
import { ErrorAlert } from "./ErrorAlert";
import { SaveButton } from "./SaveButton";

type Mode = "view" | "replace" | "remove";

/**
 * Sends the token typed into the form, then clears the form. The field is uncontrolled: the value lives only in the
 * browser's input until it is sent, never in React state (which would copy it into the page's HTML as a `value`
 * attribute).
 */
function useTokenSubmit(repositoryId: string, onDone: () => void) {
  const update = useUpdateRepository(repositoryId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const cleared = () => {
      form.reset();
      onDone();
    };
    update.mutate({ accessToken: String(new FormData(form).get("accessToken") ?? "") }, { onSuccess: cleared });
  };
  return { update, submit };
}

function TokenEntry({ repositoryId, replacing, onDone }: { repositoryId: string; replacing: boolean; onDone: () => void }): JSX.Element {
  const { update, submit } = useTokenSubmit(repositoryId, onDone);
  return (
    <form className="form" onSubmit={submit} aria-label={replacing ? "Replace the access token" : "Set an access token"}>
      <label>
        {replacing ? "New access token" : "Access token"}
        <input name="accessToken" type="password" autoComplete="new-password" required spellCheck={false} aria-describedby="token-help" />
      </label>
      <ErrorAlert error={update.error} />
      <div className="form-actions">
        <SaveButton pending={update.isPending}>Save token</SaveButton>
        {replacing ? <CancelButton onClick={onDone} /> : null}
      </div>
    </form>
  );
}

function CancelButton({ onClick }: { onClick: () => void }): JSX.Element {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      Cancel
    </button>
  );
}

function RemoveToken({ repositoryId, onDone }: { repositoryId: string; onDone: () => void }): JSX.Element {
  const update = useUpdateRepository(repositoryId);
  return (
    <div className="form">
      <p>Remove the stored token? Scans of a private repository fail without it.</p>
      <ErrorAlert error={update.error} />
      <div className="form-actions">
        <button type="button" className="danger" onClick={() => update.mutate({ accessToken: null }, { onSuccess: onDone })} disabled={update.isPending}>
          Remove token
        </button>
        <CancelButton onClick={onDone} />
      </div>
    </div>
  );
}

function StoredToken({ onReplace, onRemove }: { onReplace: () => void; onRemove: () => void }): JSX.Element {
  return (
    <div className="form-actions">
      <p className="token-stored" data-testid="token-state">
        A token is stored.
      </p>
      <button type="button" className="secondary" onClick={onReplace}>
        Replace
      </button>
      <button type="button" className="secondary" onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

function TokenState({ repository }: { repository: RepositoryDto }): JSX.Element {
  const [mode, setMode] = useState<Mode>("view");
  const done = () => setMode("view");
  if (!repository.hasAccessToken) return <TokenEntry repositoryId={repository.id} replacing={false} onDone={done} />;
  if (mode === "replace") return <TokenEntry repositoryId={repository.id} replacing onDone={done} />;
  if (mode === "remove") return <RemoveToken repositoryId={repository.id} onDone={done} />;
  return <StoredToken onReplace={() => setMode("replace")} onRemove={() => setMode("remove")} />;
}

/**
 * The access token of a private https repository, write-only: the page says whether one is stored and offers to
 * replace or remove it, but never shows it. Other repositories need none, and the page says why.
 */
export function AccessTokenForm({ repository }: { repository: RepositoryDto }): JSX.Element {
  const https = repository.url.startsWith("https://");
  return (
    <div className="token-settings">
      <h3>Access token</h3>
      <p id="token-help" className="muted small">
        {https
          ? "For a private repository: a personal, project or fine-grained token with read access. Stored encrypted and never shown again."
          : "Only https repositories use a token; ssh remotes use the worker's ssh keys and local folders need none."}
      </p>
      {https ? <TokenState repository={repository} /> : null}
    </div>
  );
}
