"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type JSX, type ReactNode } from "react";
import { useRegisterRepository } from "../_hooks/useRegisterRepository";
import { useViewer } from "../_hooks/useViewer";

interface FieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  required?: boolean;
  /** "password" for a secret: masked, and never filled in from the browser's saved passwords. */
  type?: "text" | "password";
}

function Field({ label, name, value, onChange, placeholder, required = false, type = "text" }: FieldProps): JSX.Element {
  return (
    <label>
      {label}
      <input
        name={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        required={required}
        {...(type === "password" ? { autoComplete: "new-password" } : {})}
      />
    </label>
  );
}

/** The optional token of a private https repository: write-only, so it is masked here and never shown again. */
function AccessTokenField({ value, onChange }: Pick<FieldProps, "value" | "onChange">): JSX.Element {
  const label = <>Access token <span className="muted">(private https repositories; stored encrypted, never shown again)</span></>;
  return <Field label={label} name="accessToken" type="password" value={value} onChange={onChange} placeholder="optional" />;
}

/** The form's fields and how it submits: empty optional fields are left out, so the server applies its defaults. */
function useRegistrationForm() {
  const router = useRouter();
  const register = useRegisterRepository();
  const [url, setUrl] = useState("");
  const [branch, setBranch] = useState("");
  const [team, setTeam] = useState("");
  const [accessToken, setAccessToken] = useState("");
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const input = { url, ...(branch ? { branch } : {}), ...(team ? { team } : {}), ...(accessToken ? { accessToken } : {}) };
    register.mutate(input, { onSuccess: (repository) => router.push(`/repositories/${repository.id}`) });
  };
  return { register, submit, url, setUrl, branch, setBranch, team, setTeam, accessToken, setAccessToken };
}

/**
 * The owning team: any team, new or existing, for an admin; a lead registers into their own team only, so theirs is
 * shown, not asked (the server fills it in).
 */
function TeamField({ value, onChange }: Pick<FieldProps, "value" | "onChange">): JSX.Element {
  const user = useViewer().data?.user;
  if (user && user.role !== "admin" && user.team) {
    return (
      <div className="fixed-field">
        <span>Team</span>
        <span data-testid="register-team">{user.team.name}</span>
      </div>
    );
  }
  return <Field label="Team" name="team" value={value} onChange={onChange} placeholder="Default" />;
}

/**
 * Registers a repository by Git URL, then opens its page; the server's reason is shown when it refuses. Shown to those
 * who may register (admins, leads: see `useCanRegister`).
 */
export function RegisterRepositoryForm(): JSX.Element {
  const { register, submit, url, setUrl, branch, setBranch, team, setTeam, accessToken, setAccessToken } = useRegistrationForm();
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="register-heading">
      <h2 id="register-heading">Register a repository</h2>
      <Field label="Git URL" name="url" value={url} onChange={setUrl} placeholder="https://github.com/org/repo.git" required />
      <div className="row">
        <Field label={<>Branch <span className="muted">(default branch when empty)</span></>} name="branch" value={branch} onChange={setBranch} placeholder="main" />
        <TeamField value={team} onChange={setTeam} />
      </div>
      <AccessTokenField value={accessToken} onChange={setAccessToken} />
      {register.error ? <p className="error-text" role="alert">{register.error.message}</p> : null}
      <button type="submit" disabled={register.isPending}>
        {register.isPending ? "Registering…" : "Register"}
      </button>
    </form>
  );
}
