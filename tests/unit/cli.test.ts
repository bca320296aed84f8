import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ANALYZERS } from "@/analyzers";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { sampleRuleResults } from "../helpers/sample-report";

const ROOT = path.resolve(__dirname, "../..");
const sample = mkdtempSync(path.join(tmpdir(), "heimdall-cli-"));
cpSync(path.join(ROOT, "tests/fixtures/repos/sample"), sample, { recursive: true });
writeFileSync(
  path.join(sample, "src/application/checkout-copy.ts"),
  `// heimdall-ignore function-size -- kept as printed on the receipt\n${"export function receiptCopy(lines: string[]): string {\n" + Array.from({ length: 22 }, (_, i) => `  lines.push(String(${i}));`).join("\n") + "\n  return lines.join();\n}\n"}`,
);
afterAll(() => rmSync(sample, { recursive: true, force: true }));

function scan(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/scan.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run scan", () => {
  it("prints the JSON contract of the design brief", () => {
    const { code, stdout } = scan(sample, "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(["schemaVersion", "repository", "commit", "score", "grade", "categories", "rules", "findings", "stats"]),
    );
    // Six functions, two too long, one of them suppressed: function-size 5/6 = 83.3; half the exports unused: 50; no
    // README sections, changelog, CI, ADRs, license, doc comments, tests or coverage: 0 each; the other applicable rules
    // 100 (secrets and injection weigh 2); rules with nothing to judge (no async code, no throw, no Dockerfile, no HTTP
    // server, no tests, no interfaces) are not applicable. 1433.3 / 23 = 62.3.
    expect(report).toMatchObject({ schemaVersion: 1, repository: sample, commit: null, score: 62.3, grade: "D" });
    // The copy adds a function without a doc comment that nothing imports, its size finding suppressed inline.
    expect(report.rules).toEqual(
      sampleRuleResults("id", {
        "doc-comments": { findingCount: 5 },
        "function-size": { score: 83.3 },
        "unused-exports": { score: 50, findingCount: 2 },
      }),
    );
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: "function-size", file: "src/application/checkout.ts", line: 3, endLine: 29 })]),
    );
  });

  it("writes SARIF 2.1.0 with rules, locations, fingerprints and in-source suppressions", () => {
    const { code, stdout } = scan(sample, "--format", "sarif");
    expect(code).toBe(0);
    const log = JSON.parse(stdout);
    expect(log.version).toBe("2.1.0");
    const [run] = log.runs;
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(ANALYZERS.map((analyzer) => analyzer.meta.id));
    const suppressed = run.results.find((result: { suppressions?: unknown }) => result.suppressions);
    expect(suppressed).toMatchObject({
      ruleId: "function-size",
      ruleIndex: ANALYZERS.findIndex((analyzer) => analyzer.meta.id === "function-size"),
      level: "warning",
      locations: [{ physicalLocation: { artifactLocation: { uri: "src/application/checkout-copy.ts" }, region: { startLine: 2 } } }],
      suppressions: [{ kind: "inSource", justification: "kept as printed on the receipt" }],
    });
    expect(suppressed.partialFingerprints["heimdall/v1"]).toMatch(/^[0-9a-f]{24}$/);
  });

  it("clones a git URL into a scratch folder, reports its commit, and removes the clone", () => {
    const repo = createFixtureRepo(path.join(sample, "..", `${path.basename(sample)}-repos`), "sample");
    const { code, stdout } = scan(`file://${repo}`, "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { repository: string; commit: string; stats: { files: number } };
    expect(report).toMatchObject({ repository: repo, commit: headCommit(repo), stats: { files: 2 } });
    rmSync(path.dirname(repo), { recursive: true, force: true });
  });

  it("uses a coverage report handed in with --coverage", () => {
    const lcov = path.join(sample, "..", `${path.basename(sample)}.lcov.info`);
    const covered = (file: string, lines: number) => `SF:${file}\n${Array.from({ length: lines }, (_, i) => `DA:${i + 1},1`).join("\n")}\nend_of_record\n`;
    writeFileSync(lcov, covered("src/domain/order.ts", 13) + covered("src/application/checkout.ts", 31) + covered("src/application/checkout-copy.ts", 26));
    const { code, stdout } = scan(sample, "--format", "json", "--coverage", lcov);
    rmSync(lcov);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { rules: Array<{ id: string; score: number; findingCount: number }> };
    expect(report.rules.find((rule) => rule.id === "coverage")).toMatchObject({ score: 100, findingCount: 0 });
  });

  it("exits 1 under --fail-under, 2 on bad input, with a message", () => {
    expect(scan(sample, "--fail-under", "99")).toMatchObject({ code: 1, stderr: expect.stringContaining("under 99") });
    expect(scan(path.join(sample, "missing"))).toMatchObject({ code: 2, stderr: expect.stringContaining("is neither a folder nor a repository") });
    expect(scan("ext::sh -c id")).toMatchObject({ code: 2, stderr: expect.stringContaining("transport helpers") });
    expect(scan(sample, "--format", "xml")).toMatchObject({ code: 2 });
    expect(scan()).toMatchObject({ code: 2, stderr: expect.stringContaining("give the folder or git URL to scan") });
    const badConfig = path.join(sample, "bad-config.json");
    writeFileSync(badConfig, JSON.stringify({ rules: { "no-such-rule": {} } }));
    expect(scan(sample, "--config", badConfig)).toMatchObject({ code: 2, stderr: expect.stringContaining("no-such-rule") });
    expect(scan(sample, "--coverage", path.join(sample, "no-such-lcov.info"))).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read the coverage report") });
  });
});
