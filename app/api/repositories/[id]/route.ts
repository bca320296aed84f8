import { recordAudit } from "../../../_server/auth/audit";
import { authorizeRepository } from "../../../_server/auth/resources";
import { handleAuthedWithId, readJson } from "../../../_server/http";
import { deleteRepository, getRepository, updateRepository } from "../../../_server/services/repositories";

export const dynamic = "force-dynamic";

/** scores:read on the repository's team. */
export const GET = handleAuthedWithId(async (actor, id) => {
  await authorizeRepository(actor, "scores:read", id);
  return Response.json(await getRepository(id));
});

/** repositories:manage: schedule, access token, public badge. */
export const PATCH = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "repositories:manage", id);
  const { repository, changes } = await updateRepository(id, await readJson(request));
  if (Object.keys(changes).length > 0) await recordAudit(actor, { action: "repository.update", targetType: "repository", targetId: id, details: changes }, request);
  return Response.json(repository);
});

/** repositories:manage: the repository and everything scanned of it; 204. */
export const DELETE = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "repositories:manage", id);
  const deleted = await deleteRepository(id);
  await recordAudit(actor, { action: "repository.delete", targetType: "repository", targetId: id, details: deleted }, request);
  return new Response(null, { status: 204 });
});
