import { handle, readJson } from "../../_server/http";
import { listRepositories, registerRepository } from "../../_server/services/repositories";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const team = new URL(request.url).searchParams.get("team") ?? undefined;
  return Response.json(await listRepositories(team));
});

export const POST = handle(async (request: Request) => {
  const repository = await registerRepository(await readJson(request));
  return Response.json(repository, { status: 201, headers: { location: `/api/repositories/${repository.id}` } });
});
