import { z } from "zod";
import { getDb, type Prisma, type Team } from "../db";
import { AppError } from "../errors";
import { reuseWhileUnchanged } from "./dashboard/cache";

/** URL-safe team key from a display name (lowercase ASCII, dashes, at most 60 characters); empty when nothing usable is left. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** Finds the team with this name's slug, creating it on first use. */
export async function ensureTeam(tx: Prisma.TransactionClient, name: string): Promise<Team> {
  const slug = slugify(name);
  if (!slug) throw new AppError("invalid_request", "team must contain at least one letter or digit.");
  return tx.team.upsert({ where: { slug }, update: {}, create: { slug, name: name.trim() } });
}

export interface TeamDto {
  slug: string;
  name: string;
  repositoryCount: number;
}

const createTeamInput = z.object({ name: z.string({ error: "name is required." }).trim().min(1, "name is required.").max(80) });

/** Every team by name, with how many repositories each holds; `teamId` narrows the list to that one team. */
export async function listTeams(teamId: string | null = null): Promise<TeamDto[]> {
  // Every page's navigation asks for it: reused while no team or repository changed, like the dashboard's views.
  return reuseWhileUnchanged(`teams/${teamId ?? ""}`, async () => {
    const teams = await getDb().team.findMany({ where: teamId ? { id: teamId } : {}, orderBy: { name: "asc" }, include: { _count: { select: { repositories: true } } } });
    return teams.map((team) => ({ slug: team.slug, name: team.name, repositoryCount: team._count.repositories }));
  });
}

/** Creates a team from `{ name }`; a name whose slug is already taken is a conflict, even when spelled differently. */
export async function createTeam(raw: unknown): Promise<TeamDto> {
  const { name } = createTeamInput.parse(raw);
  const slug = slugify(name);
  const db = getDb();
  if (slug && (await db.team.findUnique({ where: { slug } }))) throw new AppError("conflict", `A team with the slug "${slug}" exists already.`);
  const team = await ensureTeam(db, name);
  return { slug: team.slug, name: team.name, repositoryCount: 0 };
}
