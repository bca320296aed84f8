"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useCompleteSetup } from "../_hooks/useCompleteSetup";
import { useSetupLink } from "../_hooks/useSetupLink";
import { ErrorAlert } from "./ErrorAlert";
import { NewPasswordFields, useNewPassword } from "./NewPasswordFields";
import { TextField } from "./TextField";

/** The link cannot be used (no token, used, expired, mistyped): why, and how to get a new one. */
function UnusableLink({ reason }: { reason: string }): JSX.Element {
  return (
    <section className="card notice notice-error auth-card" role="alert" data-testid="setup-link-error">
      <h1>This setup link cannot be used</h1>
      <p>{reason}</p>
      <p className="small">
        A setup link works once, for 24 hours. Restart Heimdall to print a new one while no admin exists, or start it with the first admin's email and password configured (see the README). If an admin exists already, <a href="/login">sign in</a>.
      </p>
    </section>
  );
}

/** The first admin's email, name and password (typed twice: a typo here would lock everyone out). */
function FirstAdminForm({ token }: { token: string }): JSX.Element {
  const setup = useCompleteSetup();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const password = useNewPassword();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (password.confirm()) setup.mutate({ token, email, password: password.password, ...(name.trim() ? { name: name.trim() } : {}) });
  };
  const busy = setup.isPending || setup.isSuccess;
  return (
    <form className="card form auth-card" onSubmit={submit} aria-labelledby="setup-heading">
      <h1 id="setup-heading">Set up Heimdall</h1>
      <p className="muted small">Create the first admin. Admins add the other users, their roles and teams under Admin → Users.</p>
      <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} required autoFocus />
      <TextField label={<>Name <span className="muted">(optional)</span></>} name="name" autoComplete="name" value={name} onChange={setName} />
      <NewPasswordFields state={password} label="Password" repeatLabel="Repeat the password" />
      <ErrorAlert error={setup.error} />
      <button type="submit" disabled={busy}>
        {busy ? "Creating the admin…" : "Create the admin and sign in"}
      </button>
    </form>
  );
}

/** `/setup?token=…`: checks the one-time link first, then asks for the first admin. */
export function SetupForm({ token }: { token: string }): JSX.Element {
  const link = useSetupLink(token);
  if (token === "") return <UnusableLink reason="The link has no token: copy the whole link printed by npm start." />;
  if (link.isPending) return <p className="muted" role="status">Checking the setup link…</p>;
  if (link.error) return <UnusableLink reason={link.error.message} />;
  return <FirstAdminForm token={token} />;
}
