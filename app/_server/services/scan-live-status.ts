import { z } from "zod";
import type { ScanLiveDto } from "../../_lib/dto";
import { getDb } from "../db";
import { notFound } from "../errors";
import { toScanDto } from "./dto";
import { progressOf } from "./scan-progress";

/** A scan id as the API hands them out (cuid), checked before it reaches a query: anything else is a 400. */
export const scanIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "id must be a scan id");

/**
 * `GET /api/scans/:id/live`: the scan with what the scan page shows while it waits or runs — its place in the queue
 * (queued branch scans of every repository queued before it, in the order workers take them) or its analysis progress
 * (only the current attempt's), and the server's clock. Unknown scan: 404.
 */
export async function getScanLiveStatus(id: string): Promise<ScanLiveDto> {
  const scanId = scanIdParam.parse(id);
  const db = getDb();
  const scan = await db.scan.findUnique({ where: { id: scanId }, include: { repository: { select: { id: true, name: true } } } });
  if (!scan) throw notFound("Scan", scanId);
  const queue = scan.status === "queued" ? await queuePlace(scan.id, scan.queuedAt) : null;
  return {
    scan: toScanDto(scan),
    repository: scan.repository,
    progress: scan.status === "running" ? progressOf(scan.progress, scan.startedAt) : null,
    queue,
    now: new Date().toISOString(),
  };
}

/** Branch scans only: a backfill's points wait inside their backfill's own job, not in the scan queue. */
async function queuePlace(scanId: string, queuedAt: Date): Promise<ScanLiveDto["queue"]> {
  const [row] = await getDb().$queryRaw<Array<{ ahead: number; queued: number; running: number }>>`
    SELECT count(*) FILTER (WHERE status = 'queued' AND ("queuedAt", id) < (${queuedAt}::timestamp, ${scanId}))::int AS ahead,
           count(*) FILTER (WHERE status = 'queued')::int AS queued,
           count(*) FILTER (WHERE status = 'running')::int AS running
    FROM "Scan" WHERE status IN ('queued', 'running') AND "backfillId" IS NULL`;
  return { position: (row?.ahead ?? 0) + 1, queued: row?.queued ?? 1, running: row?.running ?? 0 };
}
