// Engine benchmark against peer tools on a real TypeScript repository, in one run on this machine.
//
//   npm run bench:engine -- [corpus=/work/corpus/typeorm] [--dirs src,test]
//
// Prints: Heimdall's cold wall time and peak memory next to jscpd (duplication) and dependency-cruiser (no-circular
// only); the ratio Heimdall / dependency-cruiser (target < 0.5); duplicated-lines % against jscpd at 50 tokens (target
// within 10 % relative) and the share of jscpd's clone locations Heimdall overlaps (target ≥ 95 %); the modules in
// import cycles against dependency-cruiser's (target ≥ 95 % equal). Peers are installed into a scratch folder from npm.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { analyzeRepository, ANALYZERS, type AnalysisReport } from "../../analyzers";
import { countDuplicatedLines } from "../../analyzers/rules/duplication";
import { modulesInCycles } from "../../analyzers/rules/layering";
import { listSourceFiles } from "../../analyzers/source/files";
import { parseSourceFile, SCRIPT_EXTENSIONS } from "../../analyzers/source/parse";

const PEERS_DIR = path.join(tmpdir(), "heimdall-bench-peers");
// dependency-cruiser parses TypeScript with the `typescript` package beside it.
const PEERS = [
  "jscpd@5.3.2",
  "jscpd-linux-x64-gnu@5.3.2",
  "dependency-cruiser@17.4.3",
  "typescript@5.9.3",
  "secretlint@13",
  "@secretlint/secretlint-rule-preset-recommend@13",
];

interface Span {
  file: string;
  start: number;
  end: number;
}

function installPeers(): void {
  if (existsSync(path.join(PEERS_DIR, "node_modules", ".bin", "secretlint"))) return;
  mkdirSync(PEERS_DIR, { recursive: true });
  writeFileSync(path.join(PEERS_DIR, "package.json"), '{ "name": "heimdall-bench-peers", "private": true }\n');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", ...PEERS], { cwd: PEERS_DIR, stdio: "inherit" });
}

function timed<T>(run: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function runJscpd(corpus: string, dirs: string[]): { percent: number; spans: Span[] } {
  const out = mkdtempSync(path.join(tmpdir(), "jscpd-"));
  spawnSync(path.join(PEERS_DIR, "node_modules", ".bin", "jscpd"), [...dirs, "-k", "50", "-r", "json", "-o", out, "--silent", "-a"], { cwd: corpus });
  const report = JSON.parse(readFileSync(path.join(out, "jscpd-report.json"), "utf8")) as JscpdReport;
  rmSync(out, { recursive: true, force: true });
  const relative = (file: string) => path.relative(corpus, path.isAbsolute(file) ? file : path.join(corpus, file));
  const spans = report.duplicates.flatMap((clone) =>
    [clone.firstFile, clone.secondFile].map((side) => ({ file: relative(side.name), start: side.startLoc.line, end: side.endLoc.line })),
  );
  return { percent: report.statistics.total.percentage, spans };
}

interface JscpdReport {
  statistics: { total: { percentage: number } };
  duplicates: Array<Record<"firstFile" | "secondFile", { name: string; startLoc: { line: number }; endLoc: { line: number } }>>;
}

/** The corpus's tsconfig.json, when dependency-cruiser can read it without the corpus's own node_modules. */
function usableTsConfig(corpus: string): string | null {
  const file = path.join(corpus, "tsconfig.json");
  if (!existsSync(file)) return null;
  const extendsPackage = /"extends"\s*:\s*"[^.]/.test(readFileSync(file, "utf8"));
  return extendsPackage ? null : file;
}

function runDepcruise(corpus: string, dirs: string[]): Set<string> {
  const config = path.join(mkdtempSync(path.join(tmpdir(), "depcruise-")), "no-circular.cjs");
  const tsConfig = usableTsConfig(corpus);
  const options = { tsPreCompilationDeps: true, doNotFollow: { path: "node_modules" }, ...(tsConfig ? { tsConfig: { fileName: tsConfig } } : {}) };
  const rule = { name: "no-circular", severity: "error", from: {}, to: { circular: true } };
  writeFileSync(config, `module.exports = ${JSON.stringify({ forbidden: [rule], options })};\n`);
  const result = spawnSync(path.join(PEERS_DIR, "node_modules", ".bin", "depcruise"), ["--config", config, "--output-type", "json", ...dirs], {
    cwd: corpus,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const report = JSON.parse(result.stdout) as { summary: { violations: Array<{ from: string; cycle?: Array<string | { name: string }> }> } };
  const modules = new Set<string>();
  for (const violation of report.summary.violations) {
    modules.add(violation.from);
    for (const step of violation.cycle ?? []) modules.add(typeof step === "string" ? step : step.name);
  }
  return modules;
}

/** secretlint's recommended preset over the same folders: where it reports a secret, as `file:line`. */
function runSecretlint(corpus: string, dirs: string[]): string[] {
  const config = path.join(mkdtempSync(path.join(tmpdir(), "secretlint-")), "secretlintrc.json");
  writeFileSync(config, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  const globs = dirs.flatMap((dir) => [`${dir}/**/*.ts`, `${dir}/**/*.tsx`, `${dir}/**/*.js`]);
  const result = spawnSync(path.join(PEERS_DIR, "node_modules", ".bin", "secretlint"), ["--secretlintrc", config, "--format", "json", ...globs], {
    cwd: corpus,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const files = JSON.parse(result.stdout || "[]") as Array<{ filePath: string; messages: Array<{ loc: { start: { line: number } } }> }>;
  return files.flatMap((file) => file.messages.map((message) => `${path.relative(corpus, file.filePath)}:${message.loc.start.line}`));
}

function heimdallSpans(report: AnalysisReport): Span[] {
  // "Lines a–b repeat file:c–d": both sides of each clone.
  return report.findings
    .filter((finding) => finding.ruleId === "duplication")
    .flatMap((finding) => {
      const other = /repeat (.+):(\d+)–(\d+) \(/.exec(finding.message);
      const sides: Span[] = [{ file: finding.file, start: finding.line, end: finding.endLine }];
      if (other?.[1]) sides.push({ file: other[1], start: Number(other[2]), end: Number(other[3]) });
      return sides;
    });
}

function overlapShare(reference: readonly Span[], candidate: readonly Span[]): number {
  const byFile = new Map<string, Span[]>();
  for (const span of candidate) byFile.set(span.file, [...(byFile.get(span.file) ?? []), span]);
  const hit = reference.filter((span) => (byFile.get(span.file) ?? []).some((other) => other.start <= span.end && span.start <= other.end));
  return reference.length === 0 ? 1 : hit.length / reference.length;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpus = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "/work/corpus/typeorm");
  const dirsArg = args.indexOf("--dirs");
  const dirs = (dirsArg >= 0 ? args[dirsArg + 1] ?? "" : "src,test").split(",").filter((dir) => existsSync(path.join(corpus, dir)));
  installPeers();

  const copy = mkdtempSync(path.join(tmpdir(), "heimdall-bench-corpus-"));
  for (const dir of dirs) cpSync(path.join(corpus, dir), path.join(copy, dir), { recursive: true });
  if (existsSync(path.join(corpus, "tsconfig.json"))) cpSync(path.join(corpus, "tsconfig.json"), path.join(copy, "tsconfig.json"));

  const cacheDir = mkdtempSync(path.join(tmpdir(), "heimdall-bench-cache-"));
  const started = performance.now();
  const report = await analyzeRepository(copy, { cacheDir });
  const heimdallSeconds = (performance.now() - started) / 1000;
  // Issue 3's six analyzers alone, and all analyzers with two worker threads (opt-in: ADR 8), each cold in a fresh process.
  const issue3 = new Set(["duplication", "layering", "secrets", "injection", "coverage", "function-size"]);
  const onlyIssue3 = { config: [{ rules: Object.fromEntries(ANALYZERS.filter((a) => !issue3.has(a.meta.id)).map((a) => [a.meta.id, { enabled: false }])) }] };
  const coreSeconds = coldScanInFreshProcess(copy, onlyIssue3);
  const threadedSeconds = coldScanInFreshProcess(copy, { threads: 2 });
  const freshSeconds = coldScanInFreshProcess(copy, {});
  const warmStarted = performance.now();
  const warm = await analyzeRepository(copy, { cacheDir });
  const warmSeconds = (performance.now() - warmStarted) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  // jscpd compares exact tokens at 50 tokens, as Heimdall's default does; renamed mode for contrast.
  const exact = report;
  const renamed = await analyzeRepository(copy, {
    config: [{ rules: { "function-size": { enabled: false }, layering: { enabled: false }, duplication: { options: { mode: "renamed" } } } }],
  });

  const jscpd = timed(() => runJscpd(corpus, dirs));
  const depcruise = timed(() => runDepcruise(corpus, dirs));
  const secretlint = runSecretlint(corpus, dirs);
  const ourSecrets = new Set(report.findings.filter((finding) => finding.ruleId === "secrets").map((finding) => `${finding.file}:${finding.line}`));
  const metric = (r: AnalysisReport, rule: string, key: string) => r.rules.find((x) => x.id === rule)?.metrics[key] ?? Number.NaN;
  const renamedPercent = metric(renamed, "duplication", "duplicatedLinesPercent");
  // jscpd's percentage sums the lines of each later copy; Heimdall reports that figure as copiedLinesPercent.
  const exactPercent = metric(exact, "duplication", "copiedLinesPercent");
  const exactUnion = metric(exact, "duplication", "duplicatedLinesPercent");
  const listing = await listSourceFiles(copy, { maxFileBytes: 1024 * 1024, extensions: SCRIPT_EXTENSIONS });
  const parsedFiles = await Promise.all(listing.files.map(parseSourceFile));
  // dependency-cruiser with tsPreCompilationDeps counts type-only imports too; Heimdall's default leaves them out.
  const ours = modulesInCycles(parsedFiles, copy, true);
  const oursRuntime = modulesInCycles(parsedFiles, copy, false).size;
  const theirs = depcruise.value;
  const both = [...ours].filter((module) => theirs.has(module)).length;

  const lines = [
    `corpus ${corpus} (${dirs.join(", ")}): ${report.stats.files} files, ${report.stats.lines} lines`,
    `Heimdall, all analyzers, cold:     ${heimdallSeconds.toFixed(1)} s, peak memory ${peakMb.toFixed(0)} MB (target < 1536 MB)`,
    `  the same, cold in a fresh process (JIT not warmed up): ${freshSeconds.toFixed(1)} s; with 2 worker threads (opt-in): ${threadedSeconds.toFixed(1)} s`,
    `  cold: loading and parsing ${report.stats.timings.loadMs} ms; project steps ${formatTimings(report.stats.timings.rulesMs)}`,
    `  warm: loading ${warm.stats.timings.loadMs} ms; project steps ${formatTimings(warm.stats.timings.rulesMs)}`,
    `jscpd 5.3.2 (duplication only):    ${jscpd.seconds.toFixed(1)} s`,
    `dependency-cruiser (no-circular):  ${depcruise.seconds.toFixed(1)} s`,
    `ratio Heimdall / dependency-cruiser: ${(heimdallSeconds / depcruise.seconds).toFixed(2)} (target < 0.5), ${report.rules.length} analyzers`,
    `  issue 3's six analyzers alone, cold in a fresh process: ${coreSeconds.toFixed(1)} s, ratio ${(coreSeconds / depcruise.seconds).toFixed(2)}`,
    `duplicated lines, jscpd's definition (later copies summed): jscpd ${jscpd.value.percent.toFixed(1)} %, Heimdall exact ${exactPercent.toFixed(1)} % (${relative(exactPercent, jscpd.value.percent)}; target within ±10 %)`,
    `duplicated lines, Heimdall's scored definition (every copy, lines counted once): exact (default) ${exactUnion.toFixed(1)} %, renamed ${renamedPercent.toFixed(1)} %`,
    `lines in any copy, counted once: jscpd ${unionLines(jscpd.value.spans)}, Heimdall exact ${unionLines(heimdallSpans(exact))} (${relative(unionLines(heimdallSpans(exact)), unionLines(jscpd.value.spans))})`,
    `jscpd clone locations overlapped by Heimdall (exact): ${(100 * overlapShare(jscpd.value.spans, heimdallSpans(exact))).toFixed(1)} % (target ≥ 95 %)`,
    `modules in import cycles (type imports included): dependency-cruiser ${theirs.size}, Heimdall ${ours.size}, in both ${both} (${((100 * both) / Math.max(theirs.size, ours.size, 1)).toFixed(1)} % equal; target ≥ 95 %)`,
    `  only dependency-cruiser: ${[...theirs].filter((m) => !ours.has(m)).slice(0, 5).join(", ") || "none"}`,
    `  only Heimdall: ${[...ours].filter((m) => !theirs.has(m)).slice(0, 5).join(", ") || "none"}`,
    `modules in runtime cycles (Heimdall's default, type-only imports left out): ${oursRuntime}`,
    `secrets: secretlint ${secretlint.length}, Heimdall ${ourSecrets.size}, secretlint's also found by Heimdall ${secretlint.filter((where) => ourSecrets.has(where)).length} (target: all)`,
    `  secretlint: ${secretlint.join(", ") || "none"}; Heimdall only: ${[...ourSecrets].filter((where) => !secretlint.includes(where)).join(", ") || "none"}`,
    `warm second scan, per-file cache: ${warmSeconds.toFixed(1)} s (${warm.stats.cache.hits} of ${warm.stats.files} files from the cache), ${(heimdallSeconds / warmSeconds).toFixed(1)}× faster than cold (target ≥ 5×), jscpd ${jscpd.seconds.toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  rmSync(copy, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
}

function coldScanInFreshProcess(root: string, options: object): number {
  const runner = path.join(__dirname, "lib", "cold-scan.ts");
  const tsx = path.join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [runner, root, JSON.stringify(options)], { encoding: "utf8" });
  return Number(result.stdout.trim());
}

function formatTimings(rulesMs: Record<string, number>): string {
  return Object.entries(rulesMs).map(([rule, ms]) => `${rule} ${ms}`).join(", ");
}

function unionLines(spans: readonly Span[]): number {
  return countDuplicatedLines(spans.map(({ file, start, end }) => ({ file, line: start, endLine: end })));
}

function relative(ours: number, theirs: number): string {
  return `${(((ours - theirs) / theirs) * 100).toFixed(1)} % relative`;
}

void main();
