"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useChangePassword } from "../_hooks/useChangePassword";
import { ErrorAlert } from "./ErrorAlert";
import { NewPasswordFields, useNewPassword } from "./NewPasswordFields";
import { TextField } from "./TextField";

/**
 * Changes the signed-in user's password: the current one (a borrowed session cannot take the account over) and the
 * new one twice. Other browsers signed in as this user are signed out; this one stays.
 */
export function ChangePasswordForm(): JSX.Element {
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState("");
  const newPassword = useNewPassword();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!newPassword.confirm()) return;
    change.mutate(
      { currentPassword, newPassword: newPassword.password },
      {
        onSuccess: () => {
          setCurrent("");
          newPassword.reset();
        },
      },
    );
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrent} required />
      <NewPasswordFields state={newPassword} label="New password" repeatLabel="Repeat the new password" />
      <ErrorAlert error={change.error} />
      {change.isSuccess ? (
        <p className="ok-text" role="status">
          Password changed. Other browsers signed in as you have been signed out.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
