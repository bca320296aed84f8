"use client";
import type { JSX } from "react";
import type { RepositoryDto } from "../_lib/dto";
import { AccessTokenForm } from "./AccessTokenForm";
import { PublicBadgeForm } from "./PublicBadgeForm";
import { ScheduleForm } from "./ScheduleForm";

/** The repository's settings panel: its scan schedule, for https repositories its write-only access token, and its public badge. */
export function RepositorySettings({ repository }: { repository: RepositoryDto }): JSX.Element {
  return (
    <section className="card" id="settings-panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <div className="settings-grid">
        <ScheduleForm repository={repository} />
        <AccessTokenForm repository={repository} />
        <PublicBadgeForm repository={repository} />
      </div>
    </section>
  );
}
