import path from "node:path";

const TEST_NAME = /\.(?:test|spec)\./;
/** Test folders, and the fixtures and mocks that only tests load (often by computed paths no import names). */
const TEST_FOLDERS = new Set(["test", "tests", "__tests__", "spec", "fixtures", "__fixtures__", "__mocks__"]);
/** Tool configuration (vitest.config.ts, next.config.mjs, .eslintrc.cjs) is run by the tools, never by the product. */
const CONFIG_FILE = /\.config\.[cm]?[jt]sx?$|^\./;

/** What a file is for, from its path alone — one definition shared by every rule that treats tests differently. */
export function isTestFile(file: string): boolean {
  const segments = file.split("/");
  return TEST_NAME.test(segments.at(-1) ?? "") || segments.slice(0, -1).some((folder) => TEST_FOLDERS.has(folder));
}

/** Tool configuration and dotfiles: run by tools, not the product, so rules about product code (tests, coverage) skip them. */
export function isConfigFile(file: string): boolean {
  return CONFIG_FILE.test(path.posix.basename(file));
}
