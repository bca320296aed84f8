"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, type JSX } from "react";
import { useTeams } from "../_hooks/useTeams";
import { useCan } from "../_hooks/useViewer";
import { filterQuery, parseFilters, teamHref, withQuery, type DashboardFilters } from "../_lib/filters";
import { AccountMenu } from "./AccountMenu";
import { closeOnEscape } from "./closeOnEscape";

/** Which section of the site a path belongs to, for `aria-current` and the highlighted link. */
function sectionOf(pathname: string): "overview" | "repositories" | "rules" | "teams" | "admin" | null {
  if (pathname === "/") return "overview";
  if (pathname.startsWith("/repositories")) return "repositories";
  if (pathname.startsWith("/rules")) return "rules";
  if (pathname.startsWith("/teams/")) return "teams";
  if (pathname.startsWith("/admin")) return "admin";
  return null;
}

/** The menu's content: the teams by name with their repository counts, or why there are none to show. */
function TeamMenuItems({ periodQuery, pathname }: { periodQuery: string; pathname: string }): JSX.Element {
  const teams = useTeams();
  if (teams.isPending) return <p className="muted small">Loading teams…</p>;
  if (teams.error) return <p className="error-text small">Could not load the teams: {teams.error.message}</p>;
  if (teams.data.length === 0) return <p className="muted small">No teams yet: a team is created with its first repository.</p>;
  return (
    <ul>
      {teams.data.map((team) => (
        <li key={team.slug}>
          <Link href={teamHref(team.slug, periodQuery)} prefetch={false} aria-current={pathname === `/teams/${team.slug}` ? "page" : undefined}>
            {team.name} <span className="muted small">{team.repositoryCount}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The teams, each a link to its page keeping the period; a disclosure, so it opens with Enter and closes with Escape. */
function TeamsMenu({ periodQuery, isCurrent, pathname }: { periodQuery: string; isCurrent: boolean; pathname: string }): JSX.Element {
  return (
    // Keyed by the path: the menu closes when a link in it is followed.
    <details className="nav-menu" key={pathname} onKeyDown={closeOnEscape}>
      <summary className={isCurrent ? "nav-link active" : "nav-link"}>Teams</summary>
      <div className="nav-menu-list">
        <TeamMenuItems periodQuery={periodQuery} pathname={pathname} />
      </div>
    </details>
  );
}

function NavLink({ href, isCurrent, children }: { href: string; isCurrent: boolean; children: string }): JSX.Element {
  return (
    <Link href={href} className={isCurrent ? "nav-link active" : "nav-link"} aria-current={isCurrent ? "page" : undefined}>
      {children}
    </Link>
  );
}

/** The links, carrying the current filters along: the period everywhere, the team where a page filters by team. */
function NavLinks({ filters }: { filters: DashboardFilters | null }): JSX.Element {
  const pathname = usePathname();
  const section = sectionOf(pathname);
  const isAdmin = useCan("users:manage", null);
  const query = (keys: Parameters<typeof filterQuery>[1]) => (filters ? filterQuery(filters, keys) : "");
  return (
    <div className="nav-links">
      <NavLink href={withQuery("/", query(["range", "from", "to", "team"]))} isCurrent={section === "overview"}>
        Overview
      </NavLink>
      <NavLink href={withQuery("/repositories", query(["team"]))} isCurrent={section === "repositories"}>
        Repositories
      </NavLink>
      <NavLink href={withQuery("/rules", query(["range", "from", "to", "team"]))} isCurrent={section === "rules"}>
        Rules
      </NavLink>
      <TeamsMenu periodQuery={query(["range", "from", "to"])} isCurrent={section === "teams"} pathname={pathname} />
      {isAdmin ? (
        <NavLink href="/admin/users" isCurrent={section === "admin"}>
          Admin
        </NavLink>
      ) : null}
    </div>
  );
}

function NavLinksWithFilters(): JSX.Element {
  const parsed = parseFilters(new URLSearchParams(useSearchParams().toString()));
  return <NavLinks filters={parsed.ok ? parsed.filters : null} />;
}

/**
 * The top navigation: Overview, Repositories, Rules and a Teams menu, each keeping the URL's period (and team filter
 * where the page has one), Admin for admins, the signed-in user's menu, and a skip link to the content for keyboard users.
 */
export function TopNav(): JSX.Element {
  return (
    <nav className="topbar" aria-label="Main">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Link href="/" className="brand">
        Heimdall
      </Link>
      <Suspense fallback={<NavLinks filters={null} />}>
        <NavLinksWithFilters />
      </Suspense>
      <AccountMenu />
    </nav>
  );
}
