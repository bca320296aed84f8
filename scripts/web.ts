// `npm run web`: the dashboard and API only (HEIMDALL_WEB_PROCESSES processes), against DATABASE_URL — a web tier
// beside `npm run worker` machines, or more web capacity beside `npm start`. Migrations are `npm start`'s job.
import { disconnectDb } from "../app/_server/db";
import { ConfigError, loadEnv, requireDatabaseUrl } from "../app/_server/env";
import { logger } from "../app/_server/logger";
import { stopProducer } from "../app/_server/queue/boss";
import { onShutdown } from "./lib/shutdown";
import { isForkedWebProcess, runForkedWebProcess, startWebServer } from "./lib/web-server";

async function main(): Promise<void> {
  const root = process.cwd();
  const env = loadEnv();
  requireDatabaseUrl(env);
  if (isForkedWebProcess()) return runForkedWebProcess(root, env);
  const server = await startWebServer(root, env);
  logger.info({ url: `http://localhost:${env.PORT}`, processes: env.HEIMDALL_WEB_PROCESSES }, "Heimdall web server is ready");
  onShutdown(() => [
    ["web server", () => server.close()],
    ["queue producer", () => stopProducer()],
    ["database client", () => disconnectDb()],
  ]);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, "web server could not start");
  logger.flush();
  process.exit(1);
});
