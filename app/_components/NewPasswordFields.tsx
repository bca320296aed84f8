"use client";
import { useState, type JSX } from "react";
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH, TextField } from "./TextField";

export interface NewPassword {
  password: string;
  setPassword: (value: string) => void;
  repeat: string;
  setRepeat: (value: string) => void;
  mismatch: boolean;
  /** Whether both entries are the same; when not, the fields say so. Call it on submit. */
  confirm: () => boolean;
  reset: () => void;
}

/** A new password typed twice: a typo in a password nobody can see would lock its owner out. */
export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const confirm = () => {
    setMismatch(password !== repeat);
    return password === repeat;
  };
  const reset = () => {
    setPassword("");
    setRepeat("");
    setMismatch(false);
  };
  return { password, setPassword, repeat, setRepeat, mismatch, confirm, reset };
}

/** The two fields of `useNewPassword`, side by side (stacked on a phone), with the password rule and the mismatch. */
export function NewPasswordFields({ state, label, repeatLabel }: { state: NewPassword; label: string; repeatLabel: string }): JSX.Element {
  return (
    <>
      <div className="row">
        <TextField label={label} name="newPassword" type="password" autoComplete="new-password" value={state.password} onChange={state.setPassword} required minLength={PASSWORD_MIN_LENGTH} hint={PASSWORD_HINT} />
        <TextField label={repeatLabel} name="repeatPassword" type="password" autoComplete="new-password" value={state.repeat} onChange={state.setRepeat} required minLength={PASSWORD_MIN_LENGTH} />
      </div>
      {state.mismatch ? (
        <p className="error-text" role="alert">
          The two passwords differ.
        </p>
      ) : null}
    </>
  );
}
