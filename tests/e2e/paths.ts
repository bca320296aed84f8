import { tmpdir } from "node:os";
import path from "node:path";

/** Shared by the Playwright config (which starts Heimdall) and the tests (which make repositories for it). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DIR = path.join(tmpdir(), "heimdall-e2e");
export const E2E_REPO_ROOT = path.join(E2E_DIR, "repos");
export const E2E_DATA_DIR = path.join(E2E_DIR, "data");

/**
 * The first admin the e2e server creates at start (HEIMDALL_ADMIN_EMAIL / HEIMDALL_ADMIN_PASSWORD), and where the setup
 * project keeps that admin's signed-in browser state for the specs (inside E2E_DIR, which each run starts without).
 */
export const E2E_ADMIN_EMAIL = "admin@heimdall.test";
export const E2E_ADMIN_PASSWORD = "e2e first admin passphrase";
export const E2E_ADMIN_STATE = path.join(E2E_DIR, "admin-state.json");
