import { useId, type HTMLInputAutoCompleteAttribute, type JSX, type ReactNode } from "react";

interface TextFieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password";
  autoComplete?: HTMLInputAutoCompleteAttribute;
  required?: boolean;
  minLength?: number;
  /** Shown under the field and tied to it (`aria-describedby`), e.g. a password's rules. */
  hint?: string;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** A labelled input of the account and admin forms; its hint, outside the label, is read after it (`aria-describedby`). */
export function TextField({ label, name, value, onChange, type = "text", hint, ...input }: TextFieldProps): JSX.Element {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={hintId} {...input} />
      {hint ? (
        <span className="field-hint muted small" id={hintId}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** The rule every password follows (docs/adr/0014-access-control.md): length only, no composition rules. */
export const PASSWORD_HINT = "At least 12 characters. A passphrase of a few words is easiest to remember.";
export const PASSWORD_MIN_LENGTH = 12;
