// pg-boss 10.4.2 marks a job completed or failed without awaiting the database call (manager.js, `onFetch`): when
// PostgreSQL is restarting at that moment, the rejection is unhandled and Node stops the worker process. Nothing is
// lost by ignoring it — the job stays active, expires, and pg-boss retries it (the snapshot is idempotent) — so the
// two calls are wrapped to log a lost connection instead. Other errors are rethrown unchanged. Pinned to pg-boss
// 10.4.2 and covered by tests/integration/postgres-restart.test.ts; see docs/adr/0003-pg-boss-jobs.md.
import Manager from "pg-boss/src/manager";
import { logger } from "../logger";

/** SQLSTATE classes and socket errors that mean "the database went away", not "the statement was wrong". */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (/^08/.test(code) || /^57P0[1-3]$/.test(code) || ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"].includes(code))) return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(error.message);
}

let isInstalled = false;

/** Installs the wrappers once per process; workers call it before they start taking jobs. */
export function surviveDatabaseRestarts(): void {
  if (isInstalled) return;
  isInstalled = true;
  for (const method of ["complete", "fail"] as const) {
    const original = Manager.prototype[method];
    Manager.prototype[method] = async function (this: unknown, ...args: unknown[]) {
      try {
        return await original.apply(this, args);
      } catch (error) {
        if (!isConnectionLoss(error)) throw error;
        logger.warn({ component: "queue", err: error, call: method }, "the database was unreachable while a job ended; pg-boss will expire and retry it");
        return undefined;
      }
    };
  }
}
