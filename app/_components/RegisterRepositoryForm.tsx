"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type JSX, type ReactNode } from "react";
import { useRegisterRepository } from "../_hooks/useRegisterRepository";

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

/** Registers a repository by Git URL, then opens its page; the server's reason is shown when it refuses. */
export function RegisterRepositoryForm(): JSX.Element {
  const { register, submit, url, setUrl, branch, setBranch, team, setTeam, accessToken, setAccessToken } = useRegistrationForm();
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="register-heading">
      <h2 id="register-heading">Register a repository</h2>
      <Field label="Git URL" name="url" value={url} onChange={setUrl} placeholder="https://github.com/org/repo.git" required />
      <div className="row">
        <Field label={<>Branch <span className="muted">(default branch when empty)</span></>} name="branch" value={branch} onChange={setBranch} placeholder="main" />
        <Field label="Team" name="team" value={team} onChange={setTeam} placeholder="Default" />
      </div>
      <AccessTokenField value={accessToken} onChange={setAccessToken} />
      {register.error ? <p className="error-text" role="alert">{register.error.message}</p> : null}
      <button type="submit" disabled={register.isPending}>
        {register.isPending ? "Registering…" : "Register"}
      </button>
    </form>
  );
}
