import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { analyzeRepository } from "@/analyzers";
import { findSuppressions } from "@/analyzers/core/suppressions";
import { parseSourceText } from "@/analyzers/source/parse";
import { onlyRules } from "../../helpers/config";

const body = Array.from({ length: 25 }, (_, i) => `  step(${i});`).join("\n");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("findSuppressions", () => {
  it("targets the next code line, or its own line after code", () => {
    const text = [
      "// heimdall-ignore function-size -- generated parser table, split upstream",
      "",
      "/** docs */",
      "export function big() {}",
      "const x = 1; // heimdall-ignore function-size -- one-off migration",
    ].join("\n");
    const { suppressions, invalid } = findSuppressions(parseSourceText("a.ts", text));
    expect(invalid).toEqual([]);
    expect(suppressions).toEqual([
      { ruleId: "function-size", reason: "generated parser table, split upstream", file: "a.ts", line: 1, targetLine: 4 },
      { ruleId: "function-size", reason: "one-off migration", file: "a.ts", line: 5, targetLine: 5 },
    ]);
  });

  it.each(["// heimdall-ignore function-size", "// heimdall-ignore -- because", "// heimdall-ignore function-size --   "])(
    "reports %j as invalid: a rule and a reason are both required",
    (comment) => {
      const { suppressions, invalid } = findSuppressions(parseSourceText("a.ts", `${comment}\nconst a = 1;\n`));
      expect(suppressions).toEqual([]);
      expect(invalid).toMatchObject([{ file: "a.ts", line: 1 }]);
    },
  );
});

describe("suppressed findings", () => {
  it("are kept with their reason, counted, left out of the score, and listed in the ledger", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "heimdall-suppress-"));
    dirs.push(root);
    writeFileSync(
      path.join(root, "a.ts"),
      `// heimdall-ignore function-size -- state machine reads best in one place\nexport function machine() {\n${body}\n}\n\nexport function other() {\n${body}\n}\n// heimdall-ignore no-such-rule -- typo\n// heimdall-ignore function-size\n`,
    );
    const report = await analyzeRepository(root, onlyRules("function-size"));
    const [suppressed, active] = report.findings;
    expect(suppressed).toMatchObject({ line: 2, suppressed: { reason: "state machine reads best in one place", line: 1 } });
    expect(active?.suppressed).toBeUndefined();
    expect(report.rules[0]).toMatchObject({ findingCount: 1, suppressedCount: 1, score: 50 });
    expect(report.suppressions.inline).toMatchObject([{ ruleId: "function-size", line: 1, matched: 1 }]);
    expect(report.suppressions.invalid.map((entry) => [entry.line, entry.problem])).toEqual([
      [58, expect.stringContaining("rule id and a reason")],
      [57, 'unknown rule "no-such-rule"'],
    ]);
  });
});
