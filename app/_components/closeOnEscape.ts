import type { KeyboardEvent } from "react";

/** Escape closes a `<details>` menu and gives the focus back to its summary (the navigation's menus). */
export function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>): void {
  if (event.key !== "Escape" || !event.currentTarget.open) return;
  event.currentTarget.open = false;
  event.currentTarget.querySelector("summary")?.focus();
}
