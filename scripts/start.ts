// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the dashboard, one scan worker and the scheduler.
import { ensureFirstAdmin } from "../app/_server/auth/first-admin";
import { disconnectDb } from "../app/_server/db";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/_server/embedded-postgres";
import { ConfigError, loadEnv, type Env } from "../app/_server/env";
import { logger } from "../app/_server/logger";
import { migrateDatabase } from "../app/_server/migrate";
import { fillSectionScoresInBackground } from "../app/_server/services/dashboard/section-scores";
import { startBoss, stopProducer } from "../app/_server/queue/boss";
import { startScanWorkers } from "../app/_server/queue/scan-worker";
import { ensureSecretKey } from "../app/_server/security/secret-key-file";
import { startScheduler } from "../app/_server/queue/scheduler";
import { onShutdown } from "./lib/shutdown";
import { isForkedWebProcess, runForkedWebProcess, startWebServer } from "./lib/web-server";

/** The embedded database when DATABASE_URL is not set (its URL is then put there for everything started later), else null. */
async function startDatabase(env: Env): Promise<EmbeddedDatabase | null> {
  if (env.DATABASE_URL) return null;
  const embedded = await startEmbeddedPostgres(env.HEIMDALL_DATA_DIR);
  process.env.DATABASE_URL = embedded.url;
  return embedded;
}

/**
 * The configuration, with HEIMDALL_SECRET_KEY (encrypts stored access tokens) settled for the web server and worker
 * started here: as set, or else from HEIMDALL_DATA_DIR/secret.key, created on first start. Workers on other machines
 * need the same key.
 */
async function loadStartEnv(): Promise<Env> {
  const { source, file } = await ensureSecretKey(loadEnv().HEIMDALL_DATA_DIR);
  if (source === "created") logger.info({ file }, "created the key that encrypts access tokens; give `npm run worker` on other machines the same HEIMDALL_SECRET_KEY");
  else if (source === "file") logger.debug({ file }, "access tokens are encrypted with the key in the data folder");
  return loadEnv();
}

async function main(): Promise<void> {
  const root = process.cwd();
  // A forked web process (HEIMDALL_WEB_PROCESSES > 1) only serves: the environment was settled by the process that forked it.
  if (isForkedWebProcess()) return runForkedWebProcess(root, loadEnv());
  const env = await loadStartEnv();
  const embedded = await startDatabase(env);
  await migrateDatabase(process.env.DATABASE_URL ?? "", root);
  fillSectionScoresInBackground();
  await ensureFirstAdmin(env);
  const boss = await startBoss({ role: "worker" });
  const workers = await startScanWorkers(boss, env.HEIMDALL_WORKER_CONCURRENCY);
  const scheduler = await startScheduler(boss);
  const server = await startWebServer(root, env);
  logger.info({ url: `http://localhost:${env.PORT}`, embeddedDatabase: embedded !== null }, "Heimdall is ready");

  onShutdown(() => [
    ["scheduler", () => scheduler.stop()],
    ["scan workers", () => workers.stop()],
    ["job queue", () => boss.stop({ graceful: true, wait: true, timeout: 10_000 })],
    ["web server", () => server.close()],
    ["queue producer", () => stopProducer()],
    ["database client", () => disconnectDb()],
    ["embedded PostgreSQL", async () => embedded?.stop()],
  ]);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, "Heimdall could not start");
  logger.flush();
  process.exit(1);
});
