import { authorizeScan } from "../../../../_server/auth/resources";
import { handleAuthedWithId } from "../../../../_server/http";
import { downloadHeaders, exportSarif } from "../../../../_server/services/sarif-export";

export const dynamic = "force-dynamic";

/** The snapshot's findings as a SARIF 2.1.0 download (409 for a scan without a snapshot). findings:read on the team. */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeScan(actor, "findings:read", id);
  const { filename, content } = await exportSarif(id);
  return new Response(content, { headers: downloadHeaders("application/sarif+json; charset=utf-8", filename) });
});
