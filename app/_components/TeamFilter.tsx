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
 * The empty choice, then every team by name — and the value itself when the list does not hold it (still loading, or
 * naming no team). That option has the same key as the team's own, so the selection survives the list's arrival.
 */
function TeamOptions({ value, allLabel }: { value: string | null; allLabel: string }): JSX.Element {
  const teams = useTeams();
  const options = (teams.data ?? []).map((team) => ({ slug: team.slug, label: team.name }));
  if (value !== null && !options.some((option) => option.slug === value)) options.unshift({ slug: value, label: teams.isPending ? value : `${value} (unknown)` });
  return (
    <>
      <option value="">{allLabel}</option>
      {options.map((option) => (
        <option key={option.slug} value={option.slug}>
          {option.label}
        </option>
      ))}
    </>
  );
}

/**
 * A team select fed by `GET /api/teams`. A slug the list does not hold (a link to a deleted team) stays selected,
 * marked unknown, so the page can say what is wrong instead of silently showing something else.
 */
export function TeamFilter({ value, onChange, allLabel = "All teams" }: TeamFilterProps): JSX.Element {
  const id = useId();
  return (
    <div className="team-filter">
      <label className="filter-label" htmlFor={id}>
        Team
      </label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)}>
        <TeamOptions value={value} allLabel={allLabel} />
      </select>
    </div>
  );
}
