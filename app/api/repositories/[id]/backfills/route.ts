import { handleWithId, readJson } from "../../../../_server/http";
import { listBackfills, requestBackfill } from "../../../../_server/services/backfill";

export const dynamic = "force-dynamic";

/** The repository's backfills, newest first, with progress. */
export const GET = handleWithId(async (id) => Response.json(await listBackfills(id)));

/** Queues a backfill of past commits (`since`, `intervalDays` or `everyCommits`); 202 because a worker does the work. */
export const POST = handleWithId(async (id, request) => {
  const backfill = await requestBackfill(id, await readJson(request));
  return Response.json(backfill, { status: 202, headers: { location: `/api/backfills/${backfill.id}` } });
});
