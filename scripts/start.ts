// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the dashboard and one scan worker.
import http from "node:http";
import next from "next";
import { disconnectDb } from "../app/_server/db";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../app/_server/embedded-postgres";
import { ConfigError, loadEnv, type Env } from "../app/_server/env";
import { captureConsole, logger } from "../app/_server/logger";
import { migrateDatabase } from "../app/_server/migrate";
import { startBoss, stopProducer } from "../app/_server/queue/boss";
import { startScanWorkers } from "../app/_server/queue/scan-worker";
import { ensureBuild } from "./lib/build";
import { onShutdown } from "./lib/shutdown";

/** The embedded database when DATABASE_URL is not set (its URL is then put there for everything started later), else null. */
async function startDatabase(env: Env): Promise<EmbeddedDatabase | null> {
  if (env.DATABASE_URL) return null;
  const embedded = await startEmbeddedPostgres(env.HEIMDALL_DATA_DIR);
  process.env.DATABASE_URL = embedded.url;
  return embedded;
}

/** Builds the dashboard if its sources changed, then serves it; resolves once the port is listening. */
async function startWebServer(root: string, env: Env): Promise<http.Server> {
  await ensureBuild(root);
  captureConsole("next");
  const app = next({ dev: false, dir: root, hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handler = app.getRequestHandler();
  const server = http.createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOSTNAME, resolve));
  return server;
}

async function main(): Promise<void> {
  const root = process.cwd();
  const env = loadEnv();
  const embedded = await startDatabase(env);
  await migrateDatabase(process.env.DATABASE_URL ?? "", root);
  const boss = await startBoss({ role: "worker" });
  const workers = await startScanWorkers(boss, env.HEIMDALL_WORKER_CONCURRENCY);
  const server = await startWebServer(root, env);
  logger.info({ url: `http://localhost:${env.PORT}`, embeddedDatabase: embedded !== null }, "Heimdall is ready");

  onShutdown(() => [
    ["scan workers", () => workers.stop()],
    ["job queue", () => boss.stop({ graceful: true, wait: true, timeout: 10_000 })],
    ["web server", () => closeServer(server)],
    ["queue producer", () => stopProducer()],
    ["database client", () => disconnectDb()],
    ["embedded PostgreSQL", async () => embedded?.stop()],
  ]);
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, "Heimdall could not start");
  logger.flush();
  process.exit(1);
});
