"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useRegisterRepository } from "../_hooks/useRegisterRepository";

export function RegisterRepositoryForm() {
  const router = useRouter();
  const register = useRegisterRepository();
  const [url, setUrl] = useState("");
  const [branch, setBranch] = useState("");
  const [team, setTeam] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(
      { url, ...(branch ? { branch } : {}), ...(team ? { team } : {}) },
      { onSuccess: (repository) => router.push(`/repositories/${repository.id}`) },
    );
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="register-heading">
      <h2 id="register-heading">Register a repository</h2>
      <label>
        Git URL
        <input name="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://github.com/org/repo.git" required />
      </label>
      <div className="row">
        <label>
          Branch <span className="muted">(default branch when empty)</span>
          <input name="branch" value={branch} onChange={(e) => setBranch(e.target.value)} placeholder="main" />
        </label>
        <label>
          Team
          <input name="team" value={team} onChange={(e) => setTeam(e.target.value)} placeholder="Default" />
        </label>
      </div>
      {register.error ? (
        <p className="error-text" role="alert">
          {register.error.message}
        </p>
      ) : null}
      <button type="submit" disabled={register.isPending}>
        {register.isPending ? "Registering…" : "Register"}
      </button>
    </form>
  );
}
