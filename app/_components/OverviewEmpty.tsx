"use client";
import Link from "next/link";
import type { JSX } from "react";
import { useCanRegister } from "../_hooks/useCanRegister";

/** The first step: register a repository, or — for those whose role does not register — who can. */
function RegisterStep(): JSX.Element {
  if (!useCanRegister()) return <li>An admin or a team lead registers a repository — an https or ssh Git URL, and the team that owns it.</li>;
  return (
    <li>
      <Link href="/repositories#register">Register a repository</Link> — an https or ssh Git URL, and the team that owns it.
    </li>
  );
}

/** A fresh install: what Heimdall does and the three steps to a first trend. */
export function OverviewEmpty(): JSX.Element {
  return (
    <section className="card welcome" aria-labelledby="welcome-heading" data-testid="overview-empty">
      <h2 id="welcome-heading">Welcome to Heimdall</h2>
      <p>Heimdall scores your repositories against the ASGUARD01 Software Design Guide and charts how each team’s compliance moves week by week. Nothing is registered yet.</p>
      <ol className="steps">
        <RegisterStep />
        <li>
          On its page, press <strong>Scan now</strong>; <strong>Backfill</strong> scans its past weeks too, so a trend shows on the first day.
        </li>
        <li>Come back here for the organisation’s score, the teams ranked, the weakest guide sections and who moved.</li>
      </ol>
      <p className="muted small">
        Prefer the API or CI? See <code>docs/api.md</code>: <code>POST /api/repositories</code>, then <code>POST /api/repositories/:id/scans</code>.
      </p>
    </section>
  );
}

/** Repositories are registered but none has a snapshot yet (in this period, or at all): the next step is a scan. */
export function OverviewNotScanned({ teamName }: { teamName: string | null }): JSX.Element {
  return (
    <section className="card welcome" data-testid="overview-not-scanned">
      <h2>No scores yet{teamName ? ` for ${teamName}` : ""}</h2>
      <p>
        No repository here has a successful scan before the end of this period. Open one from the <Link href="/repositories">repository list</Link> and press <strong>Scan now</strong> (a team
        lead or an admin can), or choose a longer time range.
      </p>
    </section>
  );
}
