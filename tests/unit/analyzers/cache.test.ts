import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRepository, type AnalysisReport } from "@/analyzers";
import { FactCache, gitBlobId, pruneFactCache } from "@/analyzers/core/cache";
import { scratchFolders } from "../../helpers/scratch";

const scratch = scratchFolders();

const long = (name: string) => `export function ${name}(n: number) {\n${Array.from({ length: 24 }, (_, i) => `  n += ${i} * n;`).join("\n")}\n  return n;\n}\n`;

function repository(): string {
  const root = scratch("heimdall-cache-repo-");
  mkdirSync(path.join(root, "src", "domain"), { recursive: true });
  writeFileSync(path.join(root, "src", "domain", "a.ts"), long("alpha"));
  writeFileSync(path.join(root, "src", "domain", "b.ts"), `import { alpha } from "./a";\nexport const b = () => alpha(1);\n`);
  writeFileSync(path.join(root, "src", "c.ts"), `export const token = "${["gh", "p_", "R7x2Kq9LmZp4Tb8Vw3Ny6Hd1Jf5Gc0Sa2Ue7"].join("")}";\n`);
  return root;
}

/** The report without what may differ between two runs of the same input. */
function comparable(report: AnalysisReport) {
  const { durationMs: _duration, timings: _timings, cache: _cache, ...stats } = report.stats;
  return { ...report, stats };
}

describe("per-file fact cache", () => {
  it("gives the same report from the cache without parsing anything", async () => {
    const root = repository();
    const cacheDir = scratch("heimdall-cache-");
    const cold = await analyzeRepository(root, { cacheDir });
    const warm = await analyzeRepository(root, { cacheDir });
    expect(cold.stats.cache).toEqual({ hits: 0, misses: 3 });
    expect(warm.stats.cache).toEqual({ hits: 3, misses: 0 });
    expect(comparable(warm)).toEqual(comparable(cold));
    expect([...new Set(cold.findings.map((finding) => finding.ruleId))]).toEqual(expect.arrayContaining(["coverage", "function-size", "secrets"]));
  });

  it("parses again only the file whose content changed", async () => {
    const root = repository();
    const cacheDir = scratch("heimdall-cache-");
    await analyzeRepository(root, { cacheDir });
    writeFileSync(path.join(root, "src", "domain", "a.ts"), "export const alpha = (n: number) => n;\n");
    const after = await analyzeRepository(root, { cacheDir });
    expect(after.stats.cache).toEqual({ hits: 2, misses: 1 });
    expect(after.findings.filter((finding) => finding.ruleId === "function-size")).toEqual([]);
  });

  it("does not reuse facts collected under other rule options", async () => {
    const root = repository();
    const cacheDir = scratch("heimdall-cache-");
    await analyzeRepository(root, { cacheDir });
    const relaxed = await analyzeRepository(root, { cacheDir, config: [{ rules: { duplication: { options: { minTokens: 30 } } } }] });
    expect(relaxed.stats.cache).toEqual({ hits: 0, misses: 3 });
  });

  it("treats an unreadable entry as a miss", async () => {
    const root = repository();
    const cacheDir = scratch("heimdall-cache-");
    const cold = await analyzeRepository(root, { cacheDir });
    for (const shard of readdirSync(cacheDir)) for (const entry of readdirSync(path.join(cacheDir, shard))) writeFileSync(path.join(cacheDir, shard, entry), "{ not json");
    const again = await analyzeRepository(root, { cacheDir });
    expect(again.stats.cache).toEqual({ hits: 0, misses: 3 });
    expect(comparable(again)).toEqual(comparable(cold));
  });

  it("keys content the way git does", () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });

  it("prunes the least recently used entries when the folder outgrows its limit", async () => {
    const dir = scratch("heimdall-cache-prune-");
    const cache = new FactCache(dir);
    const entry = { lineCount: 1, suppressions: { suppressions: [], invalid: [] }, facts: { rule: "x".repeat(1000) } };
    const keys = Array.from({ length: 10 }, (_, index) => FactCache.key([`file${index}`]));
    for (const key of keys) await cache.set(key, entry);
    const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key.slice(2)}.json`);
    // Entry i was last used i hours ago; reading entry 9 makes it the most recently used.
    keys.forEach((key, index) => utimesSync(fileOf(key), new Date(Date.now() - index * 3_600_000), new Date(Date.now() - index * 3_600_000)));
    expect(await cache.get(keys[9] ?? "")).toEqual(entry);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const size = (await pruneFactCache(dir, Number.MAX_SAFE_INTEGER)).bytes;
    expect(size).toBeGreaterThan(10_000);
    const result = await pruneFactCache(dir, size / 2);
    expect(result.removed).toBe(6);
    expect(keys.map((key) => existsSync(fileOf(key)))).toEqual([true, true, true, false, false, false, false, false, false, true]);
  });
});
