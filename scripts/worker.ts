// `npm run worker`: an extra scan worker against DATABASE_URL; run as many as the machines allow.
import { disconnectDb } from "../app/_server/db";
import { ConfigError, loadEnv, requireDatabaseUrl } from "../app/_server/env";
import { logger } from "../app/_server/logger";
import { startBoss } from "../app/_server/queue/boss";
import { startScanWorkers } from "../app/_server/queue/scan-worker";
import { onShutdown } from "./lib/shutdown";

async function main(): Promise<void> {
  const env = loadEnv();
  requireDatabaseUrl(env);
  const boss = await startBoss({ role: "worker" });
  const workers = await startScanWorkers(boss, env.HEIMDALL_WORKER_CONCURRENCY);
  onShutdown(() => [
    ["scan workers", () => workers.stop()],
    ["job queue", () => boss.stop({ graceful: true, wait: true, timeout: 10_000 })],
    ["database client", () => disconnectDb()],
  ]);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, "worker could not start");
  logger.flush();
  process.exit(1);
});
