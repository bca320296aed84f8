"use client";
import type { JSX } from "react";
import { useTeams } from "../_hooks/useTeams";
import { ROLES, type Role } from "../_lib/permissions";

/** What each role may do, in a few words, beside the choice. */
export const ROLE_HINTS: Record<Role, string> = {
  admin: "everything, every team",
  lead: "their team's findings; scans, settings and tokens",
  member: "their team's findings and code",
  viewer: "scores and trends only",
};

/** Whether the role belongs to a team: always (lead, member), optionally (viewer), never (admin). */
export function teamRule(role: Role): "required" | "optional" | "none" {
  if (role === "admin") return "none";
  return role === "viewer" ? "optional" : "required";
}

interface RoleTeamProps {
  role: Role;
  team: string;
  onRole: (role: Role) => void;
  onTeam: (team: string) => void;
  /** Distinguishes the fields of several forms on one page (the new user's and a row being edited). */
  idPrefix: string;
}

/** A role and, as the role needs it, a team chosen from the existing teams. */
export function RoleTeamFields({ role, team, onRole, onTeam, idPrefix }: RoleTeamProps): JSX.Element {
  const teams = useTeams();
  const rule = teamRule(role);
  return (
    <div className="row">
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>Role</label>
        <select id={`${idPrefix}-role`} name="role" value={role} onChange={(event) => onRole(event.target.value as Role)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {value} — {ROLE_HINTS[value]}
            </option>
          ))}
        </select>
      </div>
      {rule === "none" ? (
        <p className="muted small fixed-field">Admins belong to no team: they act for all of them.</p>
      ) : (
        <div className="field">
          <label htmlFor={`${idPrefix}-team`}>
            Team {rule === "optional" ? <span className="muted">(optional)</span> : null}
          </label>
          <select id={`${idPrefix}-team`} name="team" value={team} onChange={(event) => onTeam(event.target.value)} required={rule === "required"}>
            <option value="">{rule === "optional" ? "No team (the whole organisation)" : "Choose a team…"}</option>
            {(teams.data ?? []).map((choice) => (
              <option key={choice.slug} value={choice.slug}>
                {choice.name}
              </option>
            ))}
          </select>
          {teams.error ? <span className="error-text small">Could not load the teams: {teams.error.message}</span> : null}
        </div>
      )}
    </div>
  );
}
