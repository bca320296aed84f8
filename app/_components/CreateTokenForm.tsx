"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useCreateApiToken, type CreateApiTokenInput } from "../_hooks/useCreateApiToken";
import { useTeams } from "../_hooks/useTeams";
import { useViewer } from "../_hooks/useViewer";
import type { CreatedApiTokenDto } from "../_lib/dto";
import { TOKEN_SCOPE_NAMES, type TokenScope } from "../_lib/permissions";
import { ErrorAlert } from "./ErrorAlert";
import { TextField } from "./TextField";

/** What each scope lets a pipeline do, inside the token's team only. */
export const SCOPE_WORDS: Record<TokenScope, string> = {
  read: "read scores and findings",
  scan: "start scans and follow them",
  coverage: "upload coverage reports",
  gate: "ask for the quality-gate verdict",
};

type Kind = "team" | "admin";

function ScopeChoices({ scopes, toggle }: { scopes: TokenScope[]; toggle: (scope: TokenScope) => void }): JSX.Element {
  return (
    <fieldset className="choices">
      <legend>Scopes</legend>
      {TOKEN_SCOPE_NAMES.map((scope) => (
        <label className="choice" key={scope}>
          <input type="checkbox" name="scopes" value={scope} checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
          <span>
            <code>{scope}</code> <span className="muted small">{SCOPE_WORDS[scope]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The team a token acts for: any team for an admin, a lead's own team (shown, not asked). */
function TeamChoice({ value, onChange }: { value: string; onChange: (slug: string) => void }): JSX.Element {
  const user = useViewer().data?.user;
  const teams = useTeams();
  if (user?.role !== "admin") {
    return (
      <div className="fixed-field">
        <span>Team</span>
        <span>{user?.team?.name ?? "—"}</span>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor="token-team">Team</label>
      <select id="token-team" name="team" value={value} onChange={(event) => onChange(event.target.value)} required>
        <option value="">Choose a team…</option>
        {(teams.data ?? []).map((team) => (
          <option key={team.slug} value={team.slug}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function KindChoice({ kind, setKind }: { kind: Kind; setKind: (kind: Kind) => void }): JSX.Element {
  return (
    <fieldset className="choices">
      <legend>Kind</legend>
      <label className="choice">
        <input type="radio" name="kind" value="team" checked={kind === "team"} onChange={() => setKind("team")} /> Team token <span className="muted small">(one team, chosen scopes)</span>
      </label>
      <label className="choice">
        <input type="radio" name="kind" value="admin" checked={kind === "admin"} onChange={() => setKind("admin")} /> Admin token <span className="muted small">(acts as an admin on everything: automation only)</span>
      </label>
    </fieldset>
  );
}

/** The form's choices and the request they make: a lead's tokens are always for their own team. */
function useTokenForm(onCreated: (token: CreatedApiTokenDto) => void) {
  const user = useViewer().data?.user;
  const create = useCreateApiToken();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Kind>("team");
  const [team, setTeam] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["scan", "coverage", "gate"]);
  const toggle = (scope: TokenScope) => setScopes((current) => (current.includes(scope) ? current.filter((item) => item !== scope) : [...current, scope]));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const teamSlug = user?.role === "admin" ? team : (user?.team?.slug ?? "");
    const input: CreateApiTokenInput = kind === "admin" ? { name, admin: true } : { name, team: teamSlug, scopes };
    create.mutate(input, {
      onSuccess: (token) => {
        setName("");
        onCreated(token);
      },
    });
  };
  return { isAdmin: user?.role === "admin", create, name, setName, kind, setKind, team, setTeam, scopes, toggle, submit };
}

/** Creates a team token with scopes (or, for admins, an admin token); the new secret goes to `onCreated`, shown once. */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiTokenDto) => void }): JSX.Element {
  const form = useTokenForm(onCreated);
  const noScope = form.kind === "team" && form.scopes.length === 0;
  return (
    <form className="card form" onSubmit={form.submit} aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create an API token</h2>
      <p className="muted small">For CI pipelines and scripts: a token acts without anyone's password and is revoked here in one click.</p>
      <TextField label="Name" name="tokenName" value={form.name} onChange={form.setName} required hint="Where it is used, e.g. “GitHub Actions — checkout-api”." />
      {form.isAdmin ? <KindChoice kind={form.kind} setKind={form.setKind} /> : null}
      {form.kind === "team" ? (
        <>
          <TeamChoice value={form.team} onChange={form.setTeam} />
          <ScopeChoices scopes={form.scopes} toggle={form.toggle} />
        </>
      ) : null}
      {noScope ? <p className="warn-text small">Choose at least one scope.</p> : null}
      <ErrorAlert error={form.create.error} />
      <div>
        <button type="submit" disabled={form.create.isPending || noScope}>
          {form.create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}
