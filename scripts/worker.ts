// `npm run worker`: an extra scan worker (and scheduler) against DATABASE_URL; run as many as the machines allow.
import { disconnectDb } from "../app/_server/db";
import { ConfigError, loadEnv, requireDatabaseUrl } from "../app/_server/env";
import { logger } from "../app/_server/logger";
import { startBoss, stopProducer } from "../app/_server/queue/boss";
import { startScanWorkers } from "../app/_server/queue/scan-worker";
import { startScheduler } from "../app/_server/queue/scheduler";
import { onShutdown } from "./lib/shutdown";

async function main(): Promise<void> {
  const env = loadEnv();
  requireDatabaseUrl(env);
  const boss = await startBoss({ role: "worker" });
  const workers = await startScanWorkers(boss, env.HEIMDALL_WORKER_CONCURRENCY);
  const scheduler = await startScheduler(boss);
  onShutdown(() => [
    ["scheduler", () => scheduler.stop()],
    ["scan workers", () => workers.stop()],
    ["job queue", () => boss.stop({ graceful: true, wait: true, timeout: 10_000 })],
    // The scheduler requests scans through the producer.
    ["queue producer", () => stopProducer()],
    ["database client", () => disconnectDb()],
  ]);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, "worker could not start");
  logger.flush();
  process.exit(1);
});
