import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { logger } from "../../app/_server/logger";

const BUILD_INPUTS = ["app", "analyzers", "public", "next.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const STAMP = path.join(".next", "heimdall-build-inputs.sha256");

async function hashInputs(root: string): Promise<string> {
  const hash = createHash("sha256");
  const visit = async (relative: string): Promise<void> => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute)) return;
    const entries = await readdir(absolute, { withFileTypes: true }).catch(() => null);
    if (entries === null) {
      hash.update(relative).update(await readFile(absolute));
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!SKIP.has(entry.name)) await visit(path.join(relative, entry.name));
    }
  };
  for (const input of BUILD_INPUTS) await visit(input);
  return hash.digest("hex");
}

/** Builds the Next.js app when no build exists or its sources changed since the last build. */
export async function ensureBuild(root: string): Promise<void> {
  const inputs = await hashInputs(root);
  const stamp = path.join(root, STAMP);
  const isBuilt = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && (await readFile(stamp, "utf8")) === inputs;
  if (isBuilt) return;
  const log = logger.child({ component: "next-build" });
  log.info("building the dashboard (the first start takes a minute or two)");
  const started = Date.now();
  const { code, output } = await runNextBuild(root, log);
  if (code !== 0) {
    log.error({ output: output.slice(-60).join("\n") }, "next build failed");
    throw new Error(`next build failed with exit code ${code}; its output is logged above.`);
  }
  await writeFile(stamp, inputs);
  log.info({ durationMs: Date.now() - started }, "dashboard built");
}

/** Sends each non-empty line of the build's output to the debug log, and keeps it in `output`. */
function lineRelay(output: string[], log: typeof logger): (chunk: Buffer) => void {
  return (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      output.push(line.trimEnd());
      log.debug({ output: line.trimEnd() }, "next build");
    }
  };
}

/** Runs `next build` in a child process; its output goes to the debug log and is kept for the error report. */
async function runNextBuild(root: string, log: typeof logger): Promise<{ code: number | null; output: string[] }> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const relay = lineRelay(output, log);
    child.stdout.on("data", relay);
    child.stderr.on("data", relay);
    child.once("error", reject);
    child.once("close", resolve);
  });
  return { code, output };
}
