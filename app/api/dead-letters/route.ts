import { z } from "zod";
import { authorizeRepository } from "../../_server/auth/resources";
import { listScope } from "../../_server/auth/team-scope";
import { handleAuthed } from "../../_server/http";
import { listDeadLetters } from "../../_server/services/scans";

export const dynamic = "force-dynamic";

const query = z.strictObject({ repository: z.string().min(1).max(64).optional() });

/**
 * Scans that failed after their last retry or whose job died, newest first (`?repository=` narrows to one: scores:read
 * on it, 404 when unknown). scores:read: every team's for signed-in users and admin tokens, a team token's own team's.
 */
export const GET = handleAuthed(async (actor, request: Request) => {
  const { repository } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (repository) await authorizeRepository(actor, "scores:read", repository);
  return Response.json(await listDeadLetters({ repositoryId: repository, teamId: listScope(actor, "scores:read") }));
});
