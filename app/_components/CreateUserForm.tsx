"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useCreateUser } from "../_hooks/useCreateUser";
import type { Role } from "../_lib/permissions";
import { ErrorAlert } from "./ErrorAlert";
import { RoleTeamFields, teamRule } from "./RoleTeamFields";
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH, TextField } from "./TextField";

const EMPTY = { email: "", name: "", role: "member" as Role, team: "", password: "" };

/** Adds a user with a first password the admin hands over; the list below shows them once created. */
export function CreateUserForm(): JSX.Element {
  const create = useCreateUser();
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const update = (change: Partial<typeof EMPTY>) => setForm((previous) => ({ ...previous, ...change }));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setCreated(null);
    const team = teamRule(form.role) === "none" || form.team === "" ? {} : { team: form.team };
    create.mutate(
      { email: form.email, role: form.role, password: form.password, ...team, ...(form.name.trim() ? { name: form.name.trim() } : {}) },
      {
        onSuccess: (user) => {
          setCreated(user.email);
          setForm(EMPTY);
        },
      },
    );
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Add a user</h2>
      <div className="row">
        <TextField label="Email" name="email" type="email" autoComplete="off" value={form.email} onChange={(email) => update({ email })} required />
        <TextField label={<>Name <span className="muted">(optional)</span></>} name="name" autoComplete="off" value={form.name} onChange={(name) => update({ name })} />
      </div>
      <RoleTeamFields idPrefix="new-user" role={form.role} team={form.team} onRole={(role) => update({ role })} onTeam={(team) => update({ team })} />
      <TextField
        label="First password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(password) => update({ password })}
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`${PASSWORD_HINT} Hand it over privately; they change it under Settings → Account.`}
      />
      <ErrorAlert error={create.error} />
      {created ? (
        <p className="ok-text" role="status">
          {created} can sign in now.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </button>
      </div>
    </form>
  );
}
