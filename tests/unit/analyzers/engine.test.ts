import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYZERS, analyzeRepository } from "@/analyzers";
import { onlyRules } from "../../helpers/config";
import { scratchFolders } from "../../helpers/scratch";

const scratch = scratchFolders();

const longFunction = (name: string) =>
  `export function ${name}() {\n${Array.from({ length: 25 }, (_, i) => `  console.info(${i});`).join("\n")}\n}\n`;

describe("analyzeRepository", () => {
  it("scores a folder, reports findings with stable fingerprints and a grade", async () => {
    const root = scratch();
    mkdirSync(path.join(root, "src"));
    writeFileSync(path.join(root, "src", "long.ts"), longFunction("tooLong"));
    writeFileSync(path.join(root, "src", "short.ts"), "export const ok = () => 1;\n");
    const onlyFunctionSize = onlyRules("function-size");
    const report = await analyzeRepository(root, onlyFunctionSize);
    expect(report.score).toBe(50);
    expect(report.grade).toBe("D");
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: "function-size", guideTags: ["UNIT"], file: "src/long.ts", line: 1, severity: "warning" });
    expect(report.categories).toEqual([{ id: "core-principles", title: "Core principles", score: 50 }]);

    writeFileSync(path.join(root, "src", "long.ts"), `// a comment that shifts every line\n\n${longFunction("tooLong")}`);
    const shifted = await analyzeRepository(root, onlyFunctionSize);
    expect(shifted.findings[0]?.line).toBe(3);
    expect(shifted.findings[0]?.fingerprint).toBe(report.findings[0]?.fingerprint);
  });

  it("never follows symlinks and skips binary, oversized and unparsable files with a reason", async () => {
    const root = scratch();
    const outside = scratch();
    writeFileSync(path.join(outside, "secret.ts"), longFunction("outsideTheCheckout"));
    symlinkSync(path.join(outside, "secret.ts"), path.join(root, "link.ts"));
    writeFileSync(path.join(root, "binary.js"), Buffer.from([0x63, 0x6f, 0x00, 0x01]));
    writeFileSync(path.join(root, "big.ts"), `export const big = "${"x".repeat(10_000)}";\n`);
    writeFileSync(path.join(root, "minified.js"), `var a=${"1+".repeat(3000)}1;\n`);
    writeFileSync(path.join(root, "ok.ts"), "export const ok = () => 1;\n");

    const report = await analyzeRepository(root, { maxFileBytes: 8192, ...onlyRules("function-size") });
    expect(report.stats.skipped).toEqual(
      expect.arrayContaining([
        { path: "link.ts", reason: "symlink" },
        { path: "binary.js", reason: "binary" },
        { path: "big.ts", reason: "too-large" },
      ]),
    );
    expect(report.stats.unparsed.map((file) => file.path)).toEqual(["minified.js"]);
    expect(report.findings.filter((finding) => finding.message.includes("outsideTheCheckout"))).toEqual([]);
    expect(report.score).toBe(100);
  });

  it("marks pathologically nested files unparsed and goes on with the rest", async () => {
    const root = scratch();
    writeFileSync(path.join(root, "nested.ts"), `export const x = ${"[\n".repeat(4000)}${"]\n".repeat(4000)};\n`);
    writeFileSync(path.join(root, "ok.ts"), "export const ok = () => 1;\n");
    const report = await analyzeRepository(root);
    expect(report.stats.unparsed).toEqual([{ path: "nested.ts", reason: expect.stringMatching(/call stack/i) }]);
    expect(report.stats.files).toBe(2);
    expect(report.rules.find((rule) => rule.id === "function-size")?.metrics.functions).toBe(1);
  });

  it("leaves code rules not applicable, not passed, when there is no code; only repository hygiene is judged", async () => {
    const report = await analyzeRepository(scratch());
    const applicable = report.rules.filter((rule) => rule.score !== null);
    // An empty folder has no README, changelog, CI workflow, decision records or license (each 0) and commits no .env
    // file (100): 100 / 6 = 16.7.
    expect(applicable.map((rule) => [rule.id, rule.score])).toEqual([
      ["ci-pipeline", 0], ["decision-records", 0], ["env-file", 100], ["license", 0], ["readme", 0], ["versioning", 0],
    ]);
    expect(report.score).toBe(16.7);
    expect(report.grade).toBe("E");
    expect(report.rules).toHaveLength(ANALYZERS.length);
  });

  it("scores nothing at all when every rule that applies is switched off", async () => {
    const report = await analyzeRepository(scratch(), onlyRules("function-size", "duplication", "layering"));
    expect(report.score).toBeNull();
    expect(report.grade).toBeNull();
    expect(report.rules.map((rule) => rule.score)).toEqual([null, null, null]);
  });

  it("reports progress through parsing and every rule", async () => {
    const root = scratch();
    writeFileSync(path.join(root, "a.ts"), "export const a = 1;\n");
    writeFileSync(path.join(root, "b.ts"), "export const b = 2;\n");
    const events: string[] = [];
    await analyzeRepository(root, { onProgress: (event) => events.push(event.phase === "parsing" ? `parsing ${event.done}/${event.total}` : `${event.rule} ${event.done}/${event.total}`) });
    expect(events).toEqual(["parsing 1/2", "parsing 2/2", ...ANALYZERS.map((analyzer, index) => `${analyzer.meta.id} ${index}/${ANALYZERS.length}`)]);
  });

  it("stops when its signal is aborted", async () => {
    const root = scratch();
    writeFileSync(path.join(root, "a.ts"), "export const a = 1;\n");
    const controller = new AbortController();
    controller.abort(new Error("stop now"));
    await expect(analyzeRepository(root, { signal: controller.signal })).rejects.toThrow("stop now");
  });

  it("gives the same report whether files are parsed in worker threads or in this thread", async () => {
    const root = scratch();
    mkdirSync(path.join(root, "src"));
    for (let index = 0; index < 160; index += 1) {
      const body = index % 7 === 0 ? longFunction(`long${index}`) : `export const value${index} = (input: number) => input + ${index};\n`;
      writeFileSync(path.join(root, "src", `module${index}.ts`), index % 5 === 0 ? `import { value${index + 1} } from "./module${index + 1}";\n${body}` : body);
    }
    const strip = ({ stats, ...report }: Awaited<ReturnType<typeof analyzeRepository>>) => ({ ...report, files: stats.files, unparsed: stats.unparsed });
    const threaded = await analyzeRepository(root, { threads: 2 });
    const inThread = await analyzeRepository(root, { threads: 1 });
    // Without this the comparison could pass with both runs in one thread, had the worker entry not been found.
    expect(threaded.stats.timings.threads).toBe(2);
    expect(inThread.stats.timings.threads).toBe(0);
    expect(threaded.findings.length).toBeGreaterThan(20);
    expect(strip(threaded)).toEqual(strip(inThread));
  });
});
