import { handle } from "../../../../_server/http";
import { requestScan } from "../../../../_server/services/scans";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Enqueues a scan; 202 because a worker does the work. */
export const POST = handle(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  const scan = await requestScan(id);
  return Response.json(scan, { status: 202, headers: { location: `/api/scans/${scan.id}` } });
});
