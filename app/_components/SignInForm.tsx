"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useSignIn } from "../_hooks/useSignIn";
import { ApiError } from "../_lib/api-client";
import { TextField } from "./TextField";

/** "about 15 minutes", "40 seconds": how long until the server lets the sign-in be tried again. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "about a minute" : `about ${minutes} minutes`;
}

/** Why signing in failed, in words a person can act on: the wrong password, or too many attempts and how long to wait. */
function SignInError({ error }: { error: Error | null }): JSX.Element | null {
  if (!error) return null;
  const limited = error instanceof ApiError && error.status === 429;
  return (
    <div className="notice notice-error" role="alert" data-testid="sign-in-error">
      <p>{limited ? "Too many failed sign-ins." : error.message}</p>
      {limited ? <p className="small">{error.retryAfterSeconds ? `Try again in ${formatWait(error.retryAfterSeconds)}.` : error.message}</p> : null}
    </div>
  );
}

/** Email and password; on success the page asked for (`next`) opens, otherwise the reason shows above the button. */
export function SignInForm({ next }: { next: string | null }): JSX.Element {
  const signIn = useSignIn(next);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  const busy = signIn.isPending || signIn.isSuccess;
  return (
    <form className="card form auth-card" onSubmit={submit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <p className="muted small">Heimdall scores your repositories against the ASGUARD01 design guide.</p>
      <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} required />
      <SignInError error={signIn.error} />
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted small">
        First start? Sign in with the admin email and password Heimdall was started with, or open the one-time setup link <code>npm start</code> printed. Forgot your password? An admin can set a new one.
      </p>
    </form>
  );
}
