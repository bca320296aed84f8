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

/** Command lines, scripts and examples: code that runs on its own beside the product. */
const SCRIPT_FOLDER = /(?:^|\/)(?:scripts?|bin|examples?)\//;
const STORY = /\.(?:stories|story)\.[cm]?[jt]sx?$/;
/** Folders of code that runs on its own or is not product code: command lines, tooling, examples, end-to-end suites. */
const STANDALONE_FOLDERS = new Set(["scripts", "script", "bin", "examples", "example", "playground", "benchmark", "benchmarks", "e2e", "cypress", "playwright", "generated", "__generated__", "public", "docs"]);
/** Task runners' files at any level: gulpfile.ts, Gruntfile.js, Jakefile.js. */
const BUILD_SCRIPT = /(?:^|\/)(?:gulpfile|gruntfile|jakefile)(?:\.[\w-]+)?\.[cm]?[jt]sx?$/i;

/**
 * Code the product runs: not a test, not tool configuration, not a script, command line or example, not a story. Rules
 * about how the product behaves (console output, blocking I/O, queries in loops, documentation) judge only these.
 */
export function isProductionCode(file: string): boolean {
  return !isTestFile(file) && !isConfigFile(file) && !SCRIPT_FOLDER.test(file) && !STORY.test(file);
}

/**
 * Code beside the product, more widely: command lines, build scripts, examples, end-to-end suites, docs, dot folders,
 * stories — files whose exports nothing needs to import and that need no unit test of their own.
 */
export function isToolingPath(file: string): boolean {
  if (BUILD_SCRIPT.test(file) || STORY.test(file)) return true;
  return file.split("/").slice(0, -1).some((folder) => STANDALONE_FOLDERS.has(folder) || folder.startsWith("."));
}
