import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/app/_server/embedded-postgres";
import { migrateDatabase } from "@/app/_server/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    repoRoot: string;
    dataDir: string;
  }
}

/**
 * A real PostgreSQL for the integration suite: the embedded one in a scratch folder, unless TEST_DATABASE_URL names
 * another server. Migrations are applied exactly as `npm start` applies them.
 */
export default async function setup(project: TestProject) {
  const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-it-"));
  const repoRoot = path.join(scratch, "repos");
  mkdirSync(repoRoot);
  // Heimdall's own data folder (the per-file cache among it), fresh for every run so no test sees an earlier run's cache.
  const dataDir = path.join(scratch, "heimdall-data");
  mkdirSync(dataDir);
  process.env.LOG_LEVEL ??= "silent";
  const external = process.env.TEST_DATABASE_URL;
  const database = external ? null : await startEmbeddedPostgres(path.join(scratch, "data"));
  const databaseUrl = external ?? database?.url ?? "";
  await migrateDatabase(databaseUrl, path.resolve(import.meta.dirname, "../.."));
  project.provide("databaseUrl", databaseUrl);
  project.provide("repoRoot", repoRoot);
  project.provide("dataDir", dataDir);
  return async () => {
    await database?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
