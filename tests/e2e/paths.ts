import { tmpdir } from "node:os";
import path from "node:path";

/** Shared by the Playwright config (which starts Heimdall) and the tests (which make repositories for it). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DIR = path.join(tmpdir(), "heimdall-e2e");
export const E2E_REPO_ROOT = path.join(E2E_DIR, "repos");
export const E2E_DATA_DIR = path.join(E2E_DIR, "data");
