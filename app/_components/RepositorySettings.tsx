"use client";
import type { JSX } from "react";
import type { RepositoryDto } from "../_lib/dto";
import { AccessTokenForm } from "./AccessTokenForm";
import { ScheduleForm } from "./ScheduleForm";

/** The repository's settings panel: its scan schedule and, for https repositories, its write-only access token. */
export function RepositorySettings({ repository }: { repository: RepositoryDto }): JSX.Element {
  return (
    <section className="card" id="settings-panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <div className="settings-grid">
        <ScheduleForm repository={repository} />
        <AccessTokenForm repository={repository} />
      </div>
    </section>
  );
}
