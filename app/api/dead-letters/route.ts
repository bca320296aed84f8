import { z } from "zod";
import { handle } from "../../_server/http";
import { listDeadLetters } from "../../_server/services/scans";

export const dynamic = "force-dynamic";

const query = z.strictObject({ repository: z.string().min(1).max(64).optional() });

/** Scans that failed after their last retry or whose job died, newest first (`?repository=` narrows to one). */
export const GET = handle(async (request: Request) => {
  const { repository } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listDeadLetters(repository));
});
