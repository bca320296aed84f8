import Link from "next/link";
import type { JSX } from "react";

/**
 * A page or part of one the signed-in user's role does not open (the server refused it with 403): what they may not
 * see, who may, and the way on. Shown by app/forbidden.tsx and by views whose data request was refused.
 */
export function NotAllowed({ reason }: { reason?: string }): JSX.Element {
  return (
    <section className="card notice notice-error" role="alert" data-testid="not-allowed">
      <h1>Not allowed</h1>
      <p>{reason ?? "Your role does not allow you to see this page."}</p>
      <p className="small">
        Findings and code are shown to the members and leads of the team that owns the repository, and to admins; scores and trends are open to everyone signed in. If you need access, ask an admin
        to change your role or team.
      </p>
      <Link href="/">Back to the overview</Link>
    </section>
  );
}
