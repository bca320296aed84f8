import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { analyzeRepository } from "@/analyzers";
import { onlyRules } from "../../helpers/config";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repository(): string {
  const root = mkdtempSync(path.join(tmpdir(), "heimdall-coverage-inputs-"));
  dirs.push(root);
  mkdirSync(path.join(root, "src", "domain"), { recursive: true });
  writeFileSync(path.join(root, "src", "domain", "order.ts"), "export function total(a: number, b: number): number {\n  return a + b;\n}\n");
  // A stale report in the checkout says nothing is covered.
  mkdirSync(path.join(root, "coverage"));
  writeFileSync(path.join(root, "coverage", "lcov.info"), "TN:\nSF:src/domain/order.ts\nDA:1,0\nDA:2,0\nLF:2\nLH:0\nend_of_record\n");
  return root;
}

const FRESH_LCOV = "TN:\nSF:src/domain/order.ts\nDA:1,1\nDA:2,1\nLF:2\nLH:2\nend_of_record\n";

describe("coverage reports handed in by the caller", () => {
  it("replace the reports found in the checkout", async () => {
    const root = repository();
    const fromCheckout = await analyzeRepository(root, onlyRules("coverage"));
    expect(fromCheckout.rules[0]?.score).toBe(0);
    const handedIn = await analyzeRepository(root, { ...onlyRules("coverage"), inputs: { coverageReports: [{ name: "lcov.info", content: FRESH_LCOV }] } });
    expect(handedIn.rules[0]).toMatchObject({ score: 100, findingCount: 0 });
  });

  it("are recognised by their content when the name says nothing", async () => {
    const root = repository();
    const report = await analyzeRepository(root, { ...onlyRules("coverage"), inputs: { coverageReports: [{ name: "upload-7", content: FRESH_LCOV }] } });
    expect(report.rules[0]?.score).toBe(100);
  });

  it("that cannot be read leave an estimate that says why", async () => {
    const root = repository();
    const report = await analyzeRepository(root, { ...onlyRules("coverage"), inputs: { coverageReports: [{ name: "upload-8", content: "not a report" }] } });
    expect(report.rules[0]?.metrics.estimated).toBe(1);
    expect(report.findings[0]?.message).toContain("upload-8");
  });
});
