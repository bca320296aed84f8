import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Loading } from "../../_components/LoadState";
import { TeamView } from "../../_components/TeamView";
import { AppError } from "../../_server/errors";
import { findTeam, teamSlug } from "../../_server/services/dashboard/query";

export const dynamic = "force-dynamic";

type TeamPageProps = { params: Promise<{ slug: string }> };

/** The team, or the 404 page for a slug no team has (or that cannot be one). */
async function teamOr404(slug: string): Promise<{ slug: string; name: string }> {
  if (!teamSlug.safeParse(slug).success) notFound();
  try {
    return await findTeam(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** The browser tab names the team. */
export async function generateMetadata({ params }: TeamPageProps): Promise<Metadata> {
  const { slug } = await params;
  const team = await teamOr404(slug);
  return { title: `${team.name} — Heimdall` };
}

/** `/teams/:slug`: one team's trend, repositories, most violated rules and suppressions; an unknown team is a 404. */
export default async function TeamPage({ params }: TeamPageProps) {
  const { slug } = await params;
  const team = await teamOr404(slug);
  return (
    <Suspense fallback={<Loading what="the team" />}>
      <TeamView slug={team.slug} name={team.name} />
    </Suspense>
  );
}
