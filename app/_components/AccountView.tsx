"use client";
import type { JSX } from "react";
import { useSignOut } from "../_hooks/useSignOut";
import { useCan, useViewer } from "../_hooks/useViewer";
import type { SessionDto } from "../_lib/dto";
import { roleLabel } from "./AccountMenu";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { ErrorAlert } from "./ErrorAlert";
import { SectionNav } from "./SectionNav";

/** The settings pages the signed-in user may open: API tokens only for those who manage them (leads, admins). */
export function SettingsNav(): JSX.Element {
  const team = useViewer().data?.user.team?.slug ?? null;
  const canManageTokens = useCan("tokens:manage", team);
  const pages = [{ href: "/settings", label: "Account" }, ...(canManageTokens ? [{ href: "/settings/tokens", label: "API tokens" }] : [])];
  return <SectionNav label="Settings" pages={pages} />;
}

/** What Heimdall knows of the signed-in user and what their role lets them do, in one sentence. */
const ROLE_WORDS: Record<SessionDto["user"]["role"], string> = {
  admin: "You can see and do everything: users, teams, every repository, the audit log.",
  lead: "You see every team's scores, your team's findings, and you manage your team's repositories, scans, quality gate, webhooks and API tokens.",
  member: "You see every team's scores and your team's findings and code.",
  viewer: "You see scores and trends of every team; findings and code are not shown to viewers.",
};

function Profile({ user }: { user: SessionDto["user"] }): JSX.Element {
  const signOut = useSignOut();
  const facts: Array<[string, string]> = [
    ["Email", user.email],
    ["Name", user.name ?? "—"],
    ["Role", roleLabel(user)],
  ];
  return (
    <section className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your account</h2>
      <dl className="fact-grid">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className="break" data-testid={`account-${term.toLowerCase()}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{ROLE_WORDS[user.role]} An admin changes roles and teams.</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending || signOut.isSuccess}>
          Sign out
        </button>
      </div>
      <ErrorAlert error={signOut.error} />
    </section>
  );
}

/** `/settings`: the signed-in user's account — who they are, their role, password change and sign out. */
export function AccountView(): JSX.Element {
  const viewer = useViewer();
  return (
    <>
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <SettingsNav />
      {viewer.data ? <Profile user={viewer.data.user} /> : <ErrorAlert error={viewer.error} />}
      <ChangePasswordForm />
    </>
  );
}
