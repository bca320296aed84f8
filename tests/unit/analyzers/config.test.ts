import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ANALYZERS, analyzeRepository, ConfigFileError } from "@/analyzers";
import { globToRegExp, mergeConfig, parseConfigLayer } from "@/analyzers/core/config";
import { onlyRules } from "../../helpers/config";

const dirs: string[] = [];
function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "heimdall-config-"));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** These tests are about configuration, told through the function-size rule alone. */
const ONLY_FUNCTION_SIZE = onlyRules("function-size");
const long = (name: string, lines = 25) => `export function ${name}() {\n${Array.from({ length: lines }, (_, i) => `  run(${i});`).join("\n")}\n}\n`;

describe("mergeConfig", () => {
  it("lets later layers win per rule and per option, and adds up excludes", () => {
    const merged = mergeConfig(
      { exclude: ["vendor/**"], rules: { "function-size": { severity: "info", options: { maxLines: 30 } } } },
      undefined,
      { exclude: ["gen/**"], rules: { "function-size": { weight: 2 } } },
      { rules: { "function-size": { options: { maxLines: 40 } } } },
    );
    expect(merged).toEqual({
      exclude: [
        { pattern: "vendor/**", reason: null, source: "configuration layer 1" },
        { pattern: "gen/**", reason: null, source: "configuration layer 3" },
      ],
      rules: { "function-size": { severity: "info", weight: 2, options: { maxLines: 40 } } },
    });
  });
});

describe("parseConfigLayer", () => {
  it("names the file and every problem", () => {
    expect(() => parseConfigLayer({ rules: { "function-size": { severity: "fatal" } }, extra: 1 }, "heimdall.config.json")).toThrow(
      /heimdall\.config\.json is not a valid Heimdall configuration: .*rules\.function-size\.severity.*\(root\): Unrecognized key/,
    );
  });
});

describe("globToRegExp", () => {
  it.each([
    ["vendor/**", "vendor/a/b.ts", true],
    ["vendor", "vendor/a.ts", true],
    ["**/*.gen.ts", "src/deep/x.gen.ts", true],
    ["**/*.gen.ts", "x.gen.ts", true],
    ["src/*.ts", "src/a.ts", true],
    ["src/*.ts", "src/a/b.ts", false],
    ["src/?.ts", "src/ab.ts", false],
    ["a.b", "axb", false],
  ] as const)("%s matches %s: %s", (glob, file, expected) => {
    expect(globToRegExp(glob).test(file)).toBe(expected);
  });
});

describe("heimdall.config.json in the repository", () => {
  it("excludes files, changes options, severity and weight, and records the exclusions", async () => {
    const root = repoWith({
      "heimdall.config.json": JSON.stringify({ exclude: ["generated/**"], rules: { "function-size": { severity: "error", options: { maxLines: 30 } } } }),
      "generated/big.ts": long("generatedCode", 60),
      "src/a.ts": long("withinThirty", 25),
      "src/b.ts": long("overThirty", 35),
    });
    const report = await analyzeRepository(root, ONLY_FUNCTION_SIZE);
    expect(report.findings.map((finding) => [finding.file, finding.severity])).toEqual([["src/b.ts", "error"]]);
    expect(report.suppressions.excluded).toEqual([{ pattern: "generated/**", reason: null, source: "heimdall.config.json", files: 1 }]);
    expect(report.stats.files).toBe(2);
  });

  it("keeps findings a rule's own exclude covers, suppressed with the reason, and lists every exclusion in the ledger", async () => {
    const root = repoWith({
      "heimdall.config.json": JSON.stringify({
        exclude: [{ pattern: "vendor/**", reason: "third-party code, updated by script" }],
        rules: { "function-size": { exclude: [{ pattern: "src/legacy/**", reason: "rewritten in Q3" }, "src/gen/*.ts"] } },
      }),
      "vendor/lib.ts": long("vendored"),
      "src/legacy/old.ts": long("legacyCode"),
      "src/gen/out.ts": long("generated"),
      "src/new.ts": long("fresh"),
    });
    const report = await analyzeRepository(root, { config: [{ source: "organisation", layer: { exclude: ["**/*.d.ts"] } }, ...(ONLY_FUNCTION_SIZE.config ?? [])] });
    expect(report.findings.map((finding) => [finding.file, finding.suppressed ?? null])).toEqual([
      ["src/gen/out.ts", { kind: "config", reason: 'excluded by "src/gen/*.ts" in heimdall.config.json', line: null }],
      ["src/legacy/old.ts", { kind: "config", reason: "rewritten in Q3", line: null }],
      ["src/new.ts", null],
    ]);
    expect(report.rules[0]).toMatchObject({ findingCount: 1, suppressedCount: 2, score: 66.7 });
    expect(report.suppressions.excluded).toEqual([
      { pattern: "**/*.d.ts", reason: null, source: "organisation", files: 0 },
      { pattern: "vendor/**", reason: "third-party code, updated by script", source: "heimdall.config.json", files: 1 },
    ]);
    expect(report.suppressions.ruleExclusions).toEqual([
      { ruleId: "function-size", pattern: "src/legacy/**", reason: "rewritten in Q3", source: "heimdall.config.json", matched: 1 },
      { ruleId: "function-size", pattern: "src/gen/*.ts", reason: null, source: "heimdall.config.json", matched: 1 },
    ]);
  });

  it("can disable a rule, which the ledger records", async () => {
    const root = repoWith({ "heimdall.config.json": JSON.stringify({ rules: { "function-size": { enabled: false } } }), "a.ts": long("x") });
    const report = await analyzeRepository(root, ONLY_FUNCTION_SIZE);
    expect(report.rules).toEqual([]);
    expect(report.score).toBeNull();
    expect(report.suppressions.disabledRules).toContain("function-size");
    expect(report.suppressions.disabledRules).toHaveLength(ANALYZERS.length);
  });

  it.each([
    ["not json", "{ nope", /not valid JSON/],
    ["an unknown rule", JSON.stringify({ rules: { "no-such-rule": {} } }), /Unknown rule\(s\) in the configuration: no-such-rule/],
    ["bad options", JSON.stringify({ rules: { "function-size": { options: { maxLines: -3 } } } }), /Options of rule "function-size" are invalid: maxLines/],
  ])("refuses %s with a clear error", async (_label, text, message) => {
    const root = repoWith({ "heimdall.config.json": text, "a.ts": "export const a = 1;\n" });
    await expect(analyzeRepository(root)).rejects.toThrow(ConfigFileError);
    await expect(analyzeRepository(root)).rejects.toThrow(message);
  });
});
