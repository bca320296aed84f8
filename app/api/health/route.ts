import { runHealthChecks } from "../../_server/services/health";

export const dynamic = "force-dynamic";

/**
 * `[HEALTH]`: database, queue and disk; 503 when unhealthy so load balancers take the instance out. Public (load
 * balancers carry no credentials): statuses, queue length and disk use only — a failed check's error stays in the log.
 */
export async function GET(): Promise<Response> {
  const report = await runHealthChecks();
  return Response.json(report, { status: report.status === "unhealthy" ? 503 : 200, headers: { "cache-control": "no-store" } });
}
