import { recordAudit } from "../../../../_server/auth/audit";
import { authorizeRepository } from "../../../../_server/auth/resources";
import { handleAuthedWithId, readJson } from "../../../../_server/http";
import { listBackfills, requestBackfill } from "../../../../_server/services/backfill";

export const dynamic = "force-dynamic";

/** The repository's backfills, newest first, with progress. scores:read. */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeRepository(actor, "scores:read", id);
  return Response.json(await listBackfills(id));
});

/**
 * Queues a backfill of past commits (`since`, `intervalDays` or `everyCommits`); 202 because a worker does the work.
 * repositories:manage.
 */
export const POST = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "repositories:manage", id);
  const backfill = await requestBackfill(id, await readJson(request));
  const { since, intervalDays, everyCommits } = backfill;
  await recordAudit(actor, { action: "backfill.request", targetType: "repository", targetId: id, details: { backfillId: backfill.id, since, intervalDays, everyCommits } }, request);
  return Response.json(backfill, { status: 202, headers: { location: `/api/backfills/${backfill.id}` } });
});
