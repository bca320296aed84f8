"use client";
import { useId, type JSX } from "react";
import { useTeams } from "../_hooks/useTeams";

interface TeamFilterProps {
  /** The team chosen (a slug), or null for all teams. */
  value: string | null;
  onChange: (slug: string | null) => void;
  /** What the empty choice is called: "All teams" where it widens the view, "Organisation" where it leaves a team's page. */
  allLabel?: string;
}

/**
 * A team select fed by `GET /api/teams`. A slug the list does not hold (a link to a deleted team) stays selected,
 * marked unknown, so the page can say what is wrong instead of silently showing something else.
 */
export function TeamFilter({ value, onChange, allLabel = "All teams" }: TeamFilterProps): JSX.Element {
  const teams = useTeams();
  const id = useId();
  const known = teams.data?.some((team) => team.slug === value) ?? true;
  return (
    <div className="team-filter">
      <label className="filter-label" htmlFor={id}>
        Team
      </label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{allLabel}</option>
        {value !== null && !known ? <option value={value}>{value} (unknown)</option> : null}
        {value !== null && teams.isPending ? <option value={value}>{value}</option> : null}
        {(teams.data ?? []).map((team) => (
          <option key={team.slug} value={team.slug}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}
