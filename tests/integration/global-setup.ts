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
  process.env.LOG_LEVEL ??= "silent";
  const external = process.env.TEST_DATABASE_URL;
  const database = external ? null : await startEmbeddedPostgres(path.join(scratch, "data"));
  const databaseUrl = external ?? database?.url ?? "";
  await migrateDatabase(databaseUrl, path.resolve(import.meta.dirname, "../.."));
  project.provide("databaseUrl", databaseUrl);
  project.provide("repoRoot", repoRoot);
  return async () => {
    await database?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
