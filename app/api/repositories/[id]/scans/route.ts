import { z } from "zod";
import { authorizeRepository } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { listScans, requestScan } from "../../../../_server/services/scans";

export const dynamic = "force-dynamic";

const MAX_PAGE_SIZE = 100;

/** `?page=` from 1 and `?pageSize=` up to 100 (default 20); anything else, or an unknown parameter, is a 400. */
const historyQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

/** The repository's scan history, newest first, one page at a time with the total count. scores:read. */
export const GET = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "scores:read", id);
  const query = historyQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listScans(id, query));
});

/** Enqueues a scan; 202 because a worker does the work. scans:trigger. */
export const POST = handleAuthedWithId(async (actor, id) => {
  await authorizeRepository(actor, "scans:trigger", id);
  const scan = await requestScan(id);
  return Response.json(scan, { status: 202, headers: { location: `/api/scans/${scan.id}` } });
});
