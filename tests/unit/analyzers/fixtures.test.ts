import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYZERS } from "@/analyzers";
import type { Analyzer } from "@/analyzers/core/analyzer";
import type { AnalyzerFixtures } from "@/analyzers/core/fixtures";
import { parseSourceText } from "@/analyzers/source/parse";

const RULES_DIR = path.resolve(__dirname, "../../../analyzers/rules");

/** Writes the fixture's mini repository to a scratch folder (project files such as tsconfig.json are read from it). */
function run(analyzer: Analyzer<never>, files: Record<string, string>, options: Record<string, unknown> = {}) {
  const root = mkdtempSync(path.join(tmpdir(), "heimdall-fixture-"));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const parsed = Object.entries(files)
      .filter(([file]) => /\.[cm]?[jt]sx?$/.test(file))
      .map(([file, text]) => parseSourceText(file, text));
    return analyzer.run({ root, files: parsed, repositoryFiles: Object.keys(files).sort(), options: analyzer.meta.options.parse(options) });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const FOLDERS = readdirSync(RULES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

/** Each folder's analyzer, found by its module rather than the registry, so an unregistered analyzer is tested too. */
async function analyzerIn(folder: string): Promise<Analyzer<never>> {
  const exported = Object.values((await import(path.join(RULES_DIR, folder, "index.ts"))) as Record<string, unknown>);
  const found = exported.find((value): value is Analyzer<never> => typeof value === "object" && value !== null && "meta" in value && "collect" in value);
  if (!found) throw new Error(`analyzers/rules/${folder}/index.ts exports no analyzer`);
  return found;
}

describe.each(FOLDERS)("analyzer %s", (id) => {
  const load = async (): Promise<AnalyzerFixtures> =>
    ((await import(path.join(RULES_DIR, id, "fixtures", "cases.ts"))) as { cases: AnalyzerFixtures }).cases;

  it("reports nothing on every valid fixture", async () => {
    const analyzer = await analyzerIn(id);
    expect(analyzer.meta.id).toBe(id);
    for (const fixture of (await load()).valid) {
      expect(run(analyzer, fixture.files, fixture.options).findings, fixture.name).toEqual([]);
    }
  });

  it("reports exactly the expected findings on every invalid fixture", async () => {
    const analyzer = await analyzerIn(id);
    for (const fixture of (await load()).invalid) {
      const { findings } = run(analyzer, fixture.files, fixture.options);
      expect(findings.map(({ file, line }) => ({ file, line })), fixture.name).toEqual(
        fixture.findings.map(({ file, line }) => ({ file, line })),
      );
      fixture.findings.forEach((expected, index) => {
        if (expected.endLine !== undefined) expect(findings[index]?.endLine, fixture.name).toBe(expected.endLine);
        if (expected.message !== undefined) expect(findings[index]?.message, fixture.name).toContain(expected.message);
      });
    }
  });
});

describe("registry", () => {
  it("registers every analyzer folder, under its folder name", () => {
    expect(ANALYZERS.map((analyzer) => analyzer.meta.id).sort()).toEqual(FOLDERS);
  });

  it("documents every analyzer with a README naming its guide tags, and ships fixtures", () => {
    for (const analyzer of ANALYZERS) {
      const entries = readdirSync(path.join(RULES_DIR, analyzer.meta.id));
      expect(entries).toContain("README.md");
      expect(readdirSync(path.join(RULES_DIR, analyzer.meta.id, "fixtures"))).toContain("cases.ts");
    }
  });

  it("gives every analyzer options that parse to defaults", () => {
    for (const analyzer of ANALYZERS) expect(() => analyzer.meta.options.parse({})).not.toThrow();
  });
});
