import { handleWithId } from "../../../../_server/http";
import { repositoryBadge } from "../../../../_server/services/badge";

export const dynamic = "force-dynamic";

/**
 * The repository's status badge ("heimdall | 87.2 A"), without credentials, for a repository marked public. Any other
 * id gets the same 404 badge, so the answer does not tell a private repository from a missing one.
 */
export const GET = handleWithId(async (id) => {
  const badge = await repositoryBadge(id);
  return new Response(badge.svg, {
    status: badge.status,
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=300",
      // Opened on its own, the SVG is a document: it may draw, never run anything.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
