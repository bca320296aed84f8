import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { E2E_DIR } from "./paths";

const PORT = 3211;
const DATA_DIR = path.join(E2E_DIR, "lifecycle-data");

/** Whether a PostgreSQL server process serves this data folder (read from /proc, no tools needed). */
function postgresRunningFor(dataDir: string): boolean {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .some((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return args[0]?.endsWith("/postgres") === true && args.includes(path.join(dataDir, "postgres"));
      } catch {
        return false; // the process ended while we looked
      }
    });
}

/**
 * Without HEIMDALL_ADMIN_EMAIL, start logs a one-time setup link: it opens the setup page, which creates the first admin
 * and signs them in; the same link then cannot be used again.
 */
async function createFirstAdminThroughSetupLink(browser: Browser, stdout: string): Promise<void> {
  const record = stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { setupUrl?: string })
    .find((entry) => entry.setupUrl);
  expect(record?.setupUrl, "start logged a setup link").toMatch(/\/setup\?token=/);
  const link = new URL(record?.setupUrl ?? "");
  const setupPath = `http://127.0.0.1:${PORT}${link.pathname}${link.search}`;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(setupPath);
  await expect(page.getByRole("heading", { name: "Set up Heimdall" })).toBeVisible();
  await page.getByLabel("Email").fill("first.admin@heimdall.test");
  await page.getByLabel("Password", { exact: true }).fill("the first admin passphrase");
  await page.getByLabel("Repeat the password").fill("the first admin passphrase");
  await page.getByRole("button", { name: "Create the admin and sign in" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("first.admin@heimdall.test");
  await expect(page.getByRole("heading", { name: "Welcome to Heimdall" })).toBeVisible();
  await page.goto(setupPath);
  await expect(page.getByTestId("setup-link-error")).toContainText("used already");
  await context.close();
}

// A second Heimdall, started exactly as `npm start` starts it (the build from the first one is reused), then stopped.
test("SIGTERM stops web, worker and the embedded database cleanly, logging JSON only", async ({ request, browser }) => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    env: { ...inherited, PORT: String(PORT), HOSTNAME: "127.0.0.1", HEIMDALL_DATA_DIR: DATA_DIR, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve((exitCode = code))));

  await expect
    .poll(
      async () => {
        if (exitCode !== undefined) throw new Error(`Heimdall exited with ${exitCode} before it was healthy:\n${stdout}\n${stderr}`);
        return (await request.get(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.status() ?? 0;
      },
      { timeout: 90_000 },
    )
    .toBe(200);
  expect(postgresRunningFor(DATA_DIR)).toBe(true);
  await createFirstAdminThroughSetupLink(browser, stdout);

  child.kill("SIGTERM");
  const code = await Promise.race([exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 30_000))]);
  expect(code, stderr).toBe(0);
  expect(postgresRunningFor(DATA_DIR)).toBe(false);

  const records = stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string; step?: string });
  const stopped = records.filter((record) => record.msg === "stopped").map((record) => record.step);
  expect(stopped).toEqual(["scheduler", "scan workers", "job queue", "web server", "queue producer", "database client", "embedded PostgreSQL"]);
  expect(records.filter((record) => record.level >= 50)).toEqual([]);
  // Everything Heimdall itself prints is a JSON record; npm's own banner lines do not appear when started directly.
  const plain = stdout.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("{"));
  expect(plain).toEqual([]);
});
