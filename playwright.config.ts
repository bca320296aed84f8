import { defineConfig } from "@playwright/test";
import { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD, E2E_ADMIN_STATE, E2E_DATA_DIR, E2E_DIR, E2E_PORT, E2E_REPO_ROOT } from "./tests/e2e/paths";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Starts from an empty database: the first screens of a new install. */
const FRESH_INSTALL_SPEC = /repository-slice\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser on these machines.
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // The setup project signs the first admin in through the sign-in page; every spec then starts signed in as that admin
  // (specs that test other roles or signing in open contexts of their own). The fresh-install spec runs next, while the
  // database holds nothing; the other specs share one server and run alphabetically after it.
  projects: [
    { name: "setup", testMatch: /\.setup\.ts$/ },
    { name: "fresh install", testMatch: FRESH_INSTALL_SPEC, dependencies: ["setup"], use: { storageState: E2E_ADMIN_STATE } },
    { name: "e2e", testMatch: /\.spec\.ts$/, testIgnore: FRESH_INSTALL_SPEC, dependencies: ["fresh install"], use: { storageState: E2E_ADMIN_STATE } },
  ],
  // Heimdall exactly as `npm start` runs it (embedded PostgreSQL, migrations, build, web and worker), on fresh data.
  webServer: {
    command: `rm -rf ${E2E_DIR} && mkdir -p ${E2E_REPO_ROOT} && npx tsx scripts/start.ts`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    env: {
      PORT: String(E2E_PORT),
      HOSTNAME: "127.0.0.1",
      HEIMDALL_DATA_DIR: E2E_DATA_DIR,
      HEIMDALL_LOCAL_REPO_ROOTS: E2E_REPO_ROOT,
      LOG_LEVEL: "warn",
      HEIMDALL_ADMIN_EMAIL: E2E_ADMIN_EMAIL,
      HEIMDALL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    },
  },
});
