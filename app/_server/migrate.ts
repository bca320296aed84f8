import { spawn } from "node:child_process";
import path from "node:path";
import { logger } from "./logger";

/** Applies pending Prisma migrations (`prisma migrate deploy`) to the database at `databaseUrl`. */
export async function migrateDatabase(databaseUrl: string, projectRoot = process.cwd()): Promise<void> {
  const cli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", reject);
    child.once("close", resolve);
  });
  const text = output.join("").trim();
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code}):\n${text}`);
  const applied = text.split("\n").filter((line) => line.trim().startsWith("└─") || line.includes("migrations have been successfully applied") || line.includes("No pending migrations"));
  logger.info({ component: "migrate", summary: applied.join(" ").trim() || "done" }, "database migrations applied");
}
