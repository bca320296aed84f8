import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SERVER_CODE = ["app/_server", "app/api", "scripts", "analyzers"];
const SKIP = new Set(["generated", "fixtures", "node_modules"]);
const CONSOLE_CALL = /\bconsole\.(log|info|warn|error|debug|trace)\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(name) ? [full] : [];
  });
}

// `[LOGS]`: server code logs through pino as JSON. Until Heimdall's own logging analyzer checks this, this test does.
describe("structured logging", () => {
  it("server code never calls console.* directly", () => {
    const offenders = SERVER_CODE.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, index) => ({ line: line.trim(), where: `${path.relative(ROOT, file)}:${index + 1}` }))
          .filter(({ line }) => CONSOLE_CALL.test(line) && !line.startsWith("//") && !line.startsWith("*")),
      )
      .map(({ where }) => where);
    expect(offenders).toEqual([]);
  });
});
