import { z } from "zod";
import { getDb } from "../../db";
import { notFound } from "../../errors";

/**
 * The query string as a plain object for a zod schema: the first value of each key, or for the keys in `lists` every
 * value, repeated (`rule=a&rule=b`) or comma-separated (`rule=a,b`). Empty values count as absent.
 */
export function queryObject(query: URLSearchParams, lists: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key).filter((value) => value.trim() !== "");
    if (values.length === 0) continue;
    out[key] = lists.includes(key) ? values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean) : (values[0] as string);
  }
  return out;
}

/** A team slug as `teams.ts` makes them: lowercase letters, digits and dashes. */
export const teamSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "must be a team slug (lowercase letters, digits and dashes)");

/** The team with this slug, or a 404. (Raw SQL: a model query costs several times more through the query compiler.) */
export async function findTeam(slug: string): Promise<{ id: string; slug: string; name: string }> {
  const [team] = await getDb().$queryRaw<Array<{ id: string; slug: string; name: string }>>`SELECT id, slug, name FROM "Team" WHERE slug = ${slug}`;
  if (!team) throw notFound("Team", slug);
  return team;
}
