import { authorizeRepository } from "../../../../_server/auth/resources";
import { csvResponse } from "../../../../_server/csv";
import { handleAuthedWithId } from "../../../../_server/http";
import { exportFindingsCsv, MAX_CSV_ROWS } from "../../../../_server/services/findings-csv";

export const dynamic = "force-dynamic";

/**
 * Every finding the findings list selects with the same query (all pages, up to 50,000 rows; `X-Heimdall-Truncated:
 * true` when more matched) as a CSV download. findings:read on the repository's team.
 */
export const GET = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "findings:read", id);
  const { csv, filename, rows, isTruncated } = await exportFindingsCsv(id, new URL(request.url).searchParams);
  return csvResponse(csv, filename, {
    "cache-control": "private, no-store",
    "x-heimdall-rows": String(rows),
    "x-heimdall-row-limit": String(MAX_CSV_ROWS),
    "x-heimdall-truncated": String(isTruncated),
  });
});
