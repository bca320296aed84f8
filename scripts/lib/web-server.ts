// The dashboard's HTTP server, in this process or in several (node:cluster): `npm start` and `npm run web` use it.
import cluster, { type Worker } from "node:cluster";
import http from "node:http";
import next from "next";
import type { Env } from "../../app/_server/env";
import { captureConsole, logger } from "../../app/_server/logger";
import { ensureBuild } from "./build";

/** More web process exits than this within a minute stop the replacing. */
const MAX_EXITS_PER_MINUTE = 5;

export interface WebServer {
  /** Stops accepting connections and ends the web processes. */
  close(): Promise<void>;
}

/** Serves the built dashboard from this process; resolves once the port is listening. */
async function serveHere(root: string, env: Env): Promise<http.Server> {
  captureConsole("next");
  const app = next({ dev: false, dir: root, hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handler = app.getRequestHandler();
  const server = http.createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOSTNAME, resolve));
  return server;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}

/**
 * Builds the dashboard if its sources changed, then serves it with `HEIMDALL_WEB_PROCESSES` processes. One process
 * serves in this one. More are forked with node:cluster and share the port (the kernel hands each connection to one);
 * a Node.js process uses one core for JavaScript, and with every dashboard answer cached the web process, not
 * PostgreSQL, is what saturates first (docs/benchmarks.md). Each process keeps its own dashboard cache. A web process
 * that dies is replaced. Resolves once every process listens.
 */
export async function startWebServer(root: string, env: Env): Promise<WebServer> {
  await ensureBuild(root);
  if (env.HEIMDALL_WEB_PROCESSES === 1) {
    const server = await serveHere(root, env);
    return { close: () => closeServer(server) };
  }
  let isClosing = false;
  const exits: number[] = [];
  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ HEIMDALL_WEB_PROCESS: "1" });
      worker.once("listening", () => resolve(worker));
      worker.once("exit", (code, signal) => {
        reject(new Error(`web process ${worker.process.pid} exited with ${code ?? signal} before it listened`));
        if (isClosing) return;
        // Replaced, unless web processes keep dying (a broken build or configuration): then the log says so and stops.
        exits.push(Date.now());
        const recent = exits.filter((at) => Date.now() - at < 60_000).length;
        if (recent > MAX_EXITS_PER_MINUTE) return logger.fatal({ pid: worker.process.pid, code, signal, recent }, "web processes keep ending; not starting more");
        logger.error({ pid: worker.process.pid, code, signal }, "a web process ended; starting another");
        void fork().catch((error: unknown) => logger.error({ err: error }, "could not replace a web process"));
      });
    });
  const workers = await Promise.all(Array.from({ length: env.HEIMDALL_WEB_PROCESSES }, fork));
  logger.info({ processes: workers.length }, "web processes listening");
  return {
    async close() {
      isClosing = true;
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      await Promise.all(
        running.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once("exit", () => resolve());
              worker.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** Whether this process is one of the web processes `startWebServer` forked. */
export function isForkedWebProcess(): boolean {
  return cluster.isWorker && process.env.HEIMDALL_WEB_PROCESS === "1";
}

/**
 * The body of a forked web process: serve until told to stop. The process that forked it runs the database,
 * migrations, queue and workers; a signal to the whole process group (Ctrl-C) is left to that process, which then
 * ends this one.
 */
export async function runForkedWebProcess(root: string, env: Env): Promise<void> {
  const server = await serveHere(root, env);
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => {
    void closeServer(server).finally(() => process.exit(0));
  });
}
