"use client";
import { useState, type JSX } from "react";
import { useApiTokens } from "../_hooks/useApiTokens";
import { useRevokeApiToken } from "../_hooks/useRevokeApiToken";
import type { ApiTokenDto, CreatedApiTokenDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";
import { SettingsNav } from "./AccountView";
import { CreatedTokenNotice } from "./CreatedTokenNotice";
import { CreateTokenForm } from "./CreateTokenForm";
import { ErrorAlert } from "./ErrorAlert";
import { LoadFailed, Loading } from "./LoadState";
import { TableHead } from "./TableHead";

const TOKEN_COLUMNS = ["Token", "Acts for", "Scopes", "Created", "Last used", "Status"];

/** Revoke in two steps: the first press asks, the second revokes (pipelines using the token fail from then on). */
function RevokeButton({ token }: { token: ApiTokenDto }): JSX.Element {
  const revoke = useRevokeApiToken();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="secondary small-button" onClick={() => setAsking(true)} aria-label={`Revoke ${token.name}`}>
        Revoke
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`Revoke ${token.name}?`}>
      <span className="small">Pipelines using it fail at once.</span>
      <button type="button" className="danger small-button" onClick={() => revoke.mutate(token.id)} disabled={revoke.isPending}>
        {revoke.isPending ? "Revoking…" : "Revoke now"}
      </button>
      <button type="button" className="secondary small-button" onClick={() => setAsking(false)}>
        Cancel
      </button>
      <ErrorAlert error={revoke.error} />
    </div>
  );
}

function TokenRow({ token }: { token: ApiTokenDto }): JSX.Element {
  const revoked = token.revokedAt !== null;
  return (
    <tr className={revoked ? "is-revoked" : undefined} data-testid="token-row">
      <th scope="row">
        <span className="break">{token.name}</span>
        <div className="muted small">
          <code>{token.prefix}…</code>
        </div>
      </th>
      <td data-label="Acts for">{token.admin ? <strong>Admin (everything)</strong> : (token.team?.name ?? "—")}</td>
      <td data-label="Scopes">{token.admin ? "all" : token.scopes.join(", ")}</td>
      <td data-label="Created" className="small">
        {formatDate(token.createdAt)}
        <div className="muted break">by {token.createdBy}</div>
      </td>
      <td data-label="Last used" className="small">
        {token.lastUsedAt ? formatDate(token.lastUsedAt) : "never"}
      </td>
      <td className="full-narrow">{revoked ? <span className="badge badge-failed">revoked {formatDate(token.revokedAt)}</span> : <RevokeButton token={token} />}</td>
    </tr>
  );
}

function TokenTable({ tokens }: { tokens: ApiTokenDto[] }): JSX.Element {
  if (tokens.length === 0) return <p className="empty">No API tokens yet. Create one above for a CI pipeline.</p>;
  return (
    <div className="table-scroll">
      <table className="table stack">
        <TableHead columns={TOKEN_COLUMNS} />
        <tbody>
          {tokens.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenList(): JSX.Element {
  const tokens = useApiTokens();
  if (tokens.isPending) return <Loading what="the API tokens" />;
  if (tokens.error) return <LoadFailed error={tokens.error} what="the API tokens" retry={() => void tokens.refetch()} />;
  const active = tokens.data.filter((token) => token.revokedAt === null).length;
  return (
    <section className="card" aria-labelledby="tokens-heading" data-testid="token-list">
      <h2 id="tokens-heading">
        Tokens <span className="muted small">{active} active</span>
      </h2>
      <TokenTable tokens={tokens.data} />
    </section>
  );
}

/**
 * `/settings/tokens`: the API tokens the signed-in user manages (a lead: their team's; an admin: all, admin tokens
 * included), a form to create one — whose secret is shown once — and revocation.
 */
export function TokensView(): JSX.Element {
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  return (
    <>
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <SettingsNav />
      {created ? <CreatedTokenNotice token={created} onDone={() => setCreated(null)} /> : <CreateTokenForm onCreated={setCreated} />}
      <TokenList />
    </>
  );
}
