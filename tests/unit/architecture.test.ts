import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const DEPCRUISE = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs dependency-cruiser with Heimdall's rules in `cwd` and returns the violations it reports. */
function violations(cwd: string, targets: string[]): Violation[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [DEPCRUISE, "--config", path.join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "json", ...targets], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // depcruise exits non-zero when it finds errors; the JSON report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe("architecture", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-arch-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("Heimdall's own code keeps its dependency rules", () => {
    const found = violations(ROOT, ["app", "analyzers", "scripts"]);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it("the rules catch an engine that imports the app, a UI that imports the server, and a cycle", () => {
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      writeFileSync(path.join(scratch, file), text);
    };
    cpSync(path.join(ROOT, "tsconfig.json"), path.join(scratch, "tsconfig.json"));
    write("app/_server/db.ts", "export const db = 1;\n");
    write("analyzers/core/engine.ts", 'import { db } from "../../app/_server/db";\nexport const engine = db;\n');
    write("app/_components/View.tsx", 'import { db } from "../_server/db";\nexport const View = () => db;\n');
    write("analyzers/a.ts", 'import { b } from "./b";\nexport const a = () => b;\n');
    write("analyzers/b.ts", 'import { a } from "./a";\nexport const b = () => a;\n');
    const names = new Set(violations(scratch, ["app", "analyzers"]).map((v) => v.rule.name));
    expect([...names].sort()).toEqual(["engine-stays-pure", "no-circular", "ui-not-server"]);
  });
});
