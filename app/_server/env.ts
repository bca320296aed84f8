import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A yes/no variable: "true"/"1" or "false"/"0" (any case), unset or empty meaning false. */
function booleanFlag() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["", "true", "1", "false", "0"], { error: 'must be "true", "1", "false" or "0"' }))
    .default("false")
    .transform((value) => value === "true" || value === "1");
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /** Unset: `npm start` runs an embedded PostgreSQL and sets this for everything it starts. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  HEIMDALL_DATA_DIR: z.string().min(1).default(".data"),
  /** Upper bound of the per-file analysis cache in HEIMDALL_DATA_DIR/cache; least recently used entries go first. */
  HEIMDALL_CACHE_MAX_MB: z.coerce.number().int().min(16).max(1_048_576).default(2048),
  /** Folders (separated by ':') that local repositories may be registered from. */
  HEIMDALL_LOCAL_REPO_ROOTS: z
    .string()
    .default("")
    .transform((value) => value.split(path.delimiter).filter(Boolean).map((root) => path.resolve(root))),
  /** "true"/"1": repositories may live on private, loopback and link-local hosts (an internal git server). */
  HEIMDALL_ALLOW_PRIVATE_HOSTS: booleanFlag(),
  /** "true"/"1": session cookies are always Secure (a TLS proxy that does not send X-Forwarded-Proto); else only over https. */
  HEIMDALL_SECURE_COOKIES: booleanFlag(),
  /** Source files larger than this many KiB are not analyzed; a scan that skipped any is marked partial with the reason. */
  HEIMDALL_MAX_FILE_KB: z.coerce.number().int().min(1).max(1_048_576).default(1024),
  /** Largest a clone (git objects and checked-out files) may grow; a bigger repository fails with that reason. */
  HEIMDALL_MAX_REPO_MB: z.coerce.number().int().min(1).max(1_048_576).default(2048),
  /** At most this many source files per scan (first by path); a scan over the limit is marked partial with the reason. */
  HEIMDALL_MAX_FILES: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
  /** How often workers check for expired jobs (a worker killed mid-scan) and run queue maintenance. */
  HEIMDALL_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Scans one worker process (`npm start` or each `npm run worker`) runs at once; the cluster runs the sum. */
  /** Processes serving the dashboard and API (`npm start`, `npm run web`), sharing the port; each uses one core for JavaScript. */
  HEIMDALL_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  HEIMDALL_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  HEIMDALL_SCAN_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** First retry of a failed scan job; later retries back off exponentially. */
  HEIMDALL_SCAN_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How long the dashboard may reuse an organisation-wide aggregate while the data under it is unchanged; 0 recomputes every time. */
  HEIMDALL_DASHBOARD_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /**
   * Key that encrypts stored access tokens (AES-256-GCM): 32 random bytes as base64 or 64 hex digits. Unset: tokens
   * cannot be registered; `npm start` fills it from HEIMDALL_DATA_DIR/secret.key, creating that file on first start.
   */
  HEIMDALL_SECRET_KEY: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return undefined;
      const key = decodeSecretKey(value);
      if (key) return key;
      context.addIssue({ code: "custom", message: "must be 32 random bytes written as base64 (44 characters) or hex (64 characters); make one with `openssl rand -base64 32`" });
      return z.NEVER;
    }),
  /** PEM file of CA certificates git trusts for https remotes (an internal git server with a private CA); unset: the system's. */
  HEIMDALL_GIT_SSL_CA_INFO: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? path.resolve(value) : undefined))
    .refine((file) => file === undefined || existsSync(file), "must name an existing file of PEM CA certificates"),
  /** The first admin (set both or neither): `npm start` creates this user, or resets its password and role to admin. */
  HEIMDALL_ADMIN_EMAIL: z.preprocess(unsetWhenBlank, z.string().trim().toLowerCase().pipe(z.email("must be an email address")).optional()),
  /** The same bounds as every password (auth/passwords.ts; a unit test keeps them equal): at least 12 characters. */
  HEIMDALL_ADMIN_PASSWORD: z.preprocess(unsetWhenBlank, z.string().min(12, "must be at least 12 characters").max(256, "must be at most 256 characters").optional()),
  /** Where users reach Heimdall (https://heimdall.example.com), for links Heimdall prints; unset: http://localhost:PORT. */
  HEIMDALL_PUBLIC_URL: z.preprocess(
    unsetWhenBlank,
    z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  ),
}).superRefine((env, context) => {
  if ((env.HEIMDALL_ADMIN_EMAIL === undefined) !== (env.HEIMDALL_ADMIN_PASSWORD === undefined)) {
    const missing = env.HEIMDALL_ADMIN_EMAIL === undefined ? "HEIMDALL_ADMIN_EMAIL" : "HEIMDALL_ADMIN_PASSWORD";
    context.addIssue({ code: "custom", path: [missing], message: "set HEIMDALL_ADMIN_EMAIL and HEIMDALL_ADMIN_PASSWORD together, or neither (then `npm start` prints a one-time setup link)" });
  }
});

/** An empty variable counts as unset (`HEIMDALL_ADMIN_EMAIL=` in a compose file). */
function unsetWhenBlank(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

const SECRET_KEY_BYTES = 32;

/** A 32-byte key written as 64 hex digits or as base64 (standard or URL alphabet, padding optional); null for anything else. */
export function decodeSecretKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9A-Fa-f]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return null;
  const key = Buffer.from(value, "base64");
  return key.length === SECRET_KEY_BYTES ? key : null;
}

export type Env = z.infer<typeof envSchema>;

/** The environment is missing or has an invalid setting: the process entry points print its message and exit, with no stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment once per call; a bad value is reported by variable name with what was expected. */
export function loadEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** The database URL, which every server-side component needs once start-up has settled it. */
export function requireDatabaseUrl(env: Env = loadEnv()): string {
  if (!env.DATABASE_URL) {
    throw new ConfigError("DATABASE_URL is not set. Start Heimdall with `npm start` (embedded PostgreSQL) or set it.");
  }
  return env.DATABASE_URL;
}
