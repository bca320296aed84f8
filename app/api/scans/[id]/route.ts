import { handle } from "../../../_server/http";
import { getScan } from "../../../_server/services/scans";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = handle(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  return Response.json(await getScan(id));
});
