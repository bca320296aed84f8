import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, decodeSecretKey } from "../env";

/** Where the key came from: the environment as given, a key file read, or a key file created just now. */
export interface SecretKeySource {
  source: "environment" | "file" | "created";
  file: string | null;
}

/** The file `npm start` keeps the generated key in when HEIMDALL_SECRET_KEY is unset. */
export function secretKeyFile(dataDir: string): string {
  return path.resolve(dataDir, "secret.key");
}

/**
 * Zero configuration for `npm start`: when HEIMDALL_SECRET_KEY is unset (or empty), reads `<dataDir>/secret.key` —
 * creating it with 32 random bytes, readable by the owner only, on first start — and puts the key into `target`
 * (the process environment) for everything started afterwards. A key file that holds no valid key stops start-up
 * with a ConfigError naming the file; it is never replaced, since tokens sealed with it would be lost.
 */
export async function ensureSecretKey(dataDir: string, target: Record<string, string | undefined> = process.env): Promise<SecretKeySource> {
  if (target.HEIMDALL_SECRET_KEY?.trim()) return { source: "environment", file: null };
  const file = secretKeyFile(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  const created = await createKeyFile(file);
  const text = (await readFile(file, "utf8")).trim();
  if (!decodeSecretKey(text)) {
    throw new ConfigError(`${file} does not hold a valid key (32 bytes as base64 or hex). Restore it, or set HEIMDALL_SECRET_KEY.`);
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  target.HEIMDALL_SECRET_KEY = text;
  return { source: created ? "created" : "file", file };
}

/** Writes a new random key unless the file exists (exclusive create, so two starts at once keep one key). */
async function createKeyFile(file: string): Promise<boolean> {
  try {
    await writeFile(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
