import type { JSX, ReactNode } from "react";

/** A titled card of a dashboard page; `id` names its heading (for `aria-labelledby`) and its test id. `wide` spans the row. */
export function Card({ title, id, children, wide = false, actions }: { title: string; id: string; children: ReactNode; wide?: boolean; actions?: ReactNode }): JSX.Element {
  return (
    <section className={`card${wide ? " wide" : ""}`} aria-labelledby={`${id}-heading`} data-testid={id}>
      <div className="section-header">
        <h2 id={`${id}-heading`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
