"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { JSX } from "react";
import { useSignOut } from "../_hooks/useSignOut";
import { useCan, useViewer } from "../_hooks/useViewer";
import type { SessionDto } from "../_lib/dto";
import { closeOnEscape } from "./closeOnEscape";

/** "Lead of Payments", "Admin", "Viewer": the role, and the team it applies to. */
export function roleLabel(user: SessionDto["user"]): string {
  const role = user.role.charAt(0).toUpperCase() + user.role.slice(1);
  if (user.role === "admin" || !user.team) return role;
  return `${role}${user.role === "viewer" ? "," : " of"} ${user.team.name}`;
}

function SignOutButton(): JSX.Element {
  const signOut = useSignOut();
  return (
    <>
      <button type="button" className="menu-button" onClick={() => signOut.mutate()} disabled={signOut.isPending || signOut.isSuccess}>
        {signOut.isPending || signOut.isSuccess ? "Signing out…" : "Sign out"}
      </button>
      {signOut.error ? <p className="error-text small" role="alert">{signOut.error.message}</p> : null}
    </>
  );
}

function AccountLinks({ user }: { user: SessionDto["user"] }): JSX.Element {
  const pathname = usePathname();
  const canManageTokens = useCan("tokens:manage", user.team?.slug ?? null);
  const links = [{ href: "/settings", label: "Account and password" }, ...(canManageTokens ? [{ href: "/settings/tokens", label: "API tokens" }] : [])];
  return (
    <ul>
      {links.map((link) => (
        <li key={link.href}>
          <Link href={link.href} aria-current={pathname === link.href ? "page" : undefined}>
            {link.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Who is signed in and as what, as a disclosure in the navigation: the account page, API tokens (for those who may
 * manage them) and sign out. Keyed by the path, so it closes when a link in it is followed.
 */
export function AccountMenu(): JSX.Element | null {
  const pathname = usePathname();
  const { data } = useViewer();
  if (!data) return null;
  const { user } = data;
  return (
    <details className="nav-menu account-menu" key={pathname} onKeyDown={closeOnEscape} data-testid="account-menu">
      <summary className="nav-link">
        <span className="account-name">{user.name ?? user.email}</span> <span className="muted small">{roleLabel(user)}</span>
      </summary>
      <div className="nav-menu-list">
        <p className="muted small break">
          Signed in as <strong>{user.email}</strong>
        </p>
        <AccountLinks user={user} />
        <SignOutButton />
      </div>
    </details>
  );
}
