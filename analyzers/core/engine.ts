import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import type { AnalysisInputs, Analyzer } from "./analyzer";
import { FactCache, gitBlobId, type CachedFile } from "./cache";
import { CONFIG_FILE_NAME, ConfigFileError, globToRegExp, mergeConfig, readRepoConfig, type ConfigLayer, type Exclusion, type NamedLayer, type ResolvedConfig } from "./config";
import { fingerprintOf, type Finding, type FindingDraft } from "./finding";
import { GUIDE_SECTIONS, GUIDE_VERSION, type GuideSectionId } from "./guide";
import { ANALYZERS } from "./registry";
import { gradeFor, weightedMean, type Grade } from "./scoring";
import { collectFacts, resolveOptions } from "./collect";
import { CollectPool, collectWorkerEntry } from "./collect-pool";
import { type InvalidSuppression, type Suppression } from "./suppressions";
import { isBinaryContent, listSourceFiles, type SkippedFile, type SourceFileEntry } from "../source/files";
import { parseSourceText, SCRIPT_EXTENSIONS } from "../source/parse";

/** Bumped whenever a rule, its defaults or the scoring change, so such changes can be told from code changes. */
export const ENGINE_VERSION = "0.3.0";
export const REPORT_SCHEMA_VERSION = 1;
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const DEFAULT_MAX_FILES = 50_000;

export interface RuleReport {
  id: string;
  guideTags: string[];
  section: GuideSectionId;
  score: number | null;
  weight: number;
  findingCount: number;
  suppressedCount: number;
  metrics: Record<string, number>;
}

export interface CategoryReport {
  id: GuideSectionId;
  title: string;
  score: number | null;
}

/** Everything that took findings or files out of the score, so that it can be counted and reviewed. */
export interface SuppressionLedger {
  inline: Array<Suppression & { matched: number }>;
  invalid: InvalidSuppression[];
  /** Files left out of every rule by an `exclude` glob, with the glob's reason and the layer that set it. */
  excluded: Array<Exclusion & { files: number }>;
  /** Findings of one rule suppressed by the rule's own `exclude` globs. */
  ruleExclusions: Array<Exclusion & { ruleId: string; matched: number }>;
  disabledRules: string[];
}

export interface AnalysisReport {
  schemaVersion: number;
  engineVersion: string;
  guideVersion: string;
  /**
   * The engine version plus a digest of the effective rules (which ran, their weights, severities, options and the
   * excludes), e.g. `0.3.0+1f2e3d4c`: two snapshots with the same ruleset differ only because the code did.
   */
  rulesetVersion: string;
  score: number | null;
  grade: Grade | null;
  categories: CategoryReport[];
  rules: RuleReport[];
  findings: Finding[];
  suppressions: SuppressionLedger;
  /**
   * Why part of the repository was not analyzed (files over the size limit, more files than the file limit), one
   * sentence each; null when every source file was. A partial report still scores what it saw.
   */
  partial: string[] | null;
  stats: {
    files: number;
    lines: number;
    unparsed: Array<{ path: string; reason: string }>;
    skipped: SkippedFile[];
    /** Files whose facts came from the per-file cache, and files parsed in this scan. */
    cache: { hits: number; misses: number };
    durationMs: number;
    /** Where the time went: listing and loading files (parsing misses), then each rule's project step. */
    /** Where the time went; `threads` is how many worker threads parsed files (0: all in the calling thread). */
    timings: { loadMs: number; rulesMs: Record<string, number>; threads: number };
  };
}

export type ProgressEvent = { phase: "parsing"; done: number; total: number } | { phase: "analyzing"; rule: string; done: number; total: number };

export interface AnalyzeOptions {
  /** Source files larger than this are skipped ("too-large") and make the report partial; default 1 MiB. */
  maxFileBytes?: number;
  /** At most this many source files (first by path) are analyzed; the rest make the report partial. Default 50,000. */
  maxFiles?: number;
  /** Called as files are parsed and rules run, e.g. for a progress line on a terminal. */
  onProgress?: (event: ProgressEvent) => void;
  /** Organisation and team layers; the repository's own `heimdall.config.json` is read and applied last. */
  config?: Array<ConfigLayer | NamedLayer>;
  /** Checked between files; an aborted analysis throws `signal.reason`. */
  signal?: AbortSignal;
  /** Folder for per-file facts between scans; without it every file is parsed every time. */
  cacheDir?: string;
  /** Inputs handed in beside the checkout (coverage reports uploaded by CI). */
  inputs?: AnalysisInputs;
  /**
   * Worker threads that parse files on a cold scan; 1 (the default) parses in the calling thread. On the 2-core machines
   * Heimdall is measured on, two threads were not faster than one (docs/adr/0008), so threads are opt-in.
   */
  threads?: number;
}

/** Analyzes the checkout at `root`: lists and parses its files once, runs every analyzer, scores the results. */
export async function analyzeRepository(root: string, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const config = mergeConfig(...(options.config ?? []), { source: CONFIG_FILE_NAME, layer: await readRepoConfig(root) });
  assertKnownRules(config);
  // The engine reads every file anyway, so it tells binaries apart itself instead of opening each file twice.
  const listing = await listSourceFiles(root, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, extensions: SCRIPT_EXTENSIONS, sniffBinary: false });
  const { included: allIncluded, excluded, isExcluded } = applyExcludes(listing.files, config.exclude);
  const { included, overLimit } = limitFiles(allIncluded, options.maxFiles ?? DEFAULT_MAX_FILES);
  const repositoryFiles = listing.paths.filter((file) => !isExcluded(file));
  const enabled = ANALYZERS.filter((analyzer) => config.rules[analyzer.meta.id]?.enabled !== false);
  const loaded = await loadFiles(included, enabled, config, options);
  const loadMs = Math.round(performance.now() - started);
  const rulesMs: Record<string, number> = {};
  const inline = collectSuppressions(loaded.files);
  const findings: Finding[] = [];
  const ruleExclusions = enabled.flatMap((analyzer) => (config.rules[analyzer.meta.id]?.exclude ?? []).map((exclusion) => ({ ...exclusion, ruleId: analyzer.meta.id, matched: 0 })));
  const rules: RuleReport[] = [];
  for (const [index, analyzer] of enabled.entries()) {
    options.onProgress?.({ phase: "analyzing", rule: analyzer.meta.id, done: index, total: enabled.length });
    // Rules run synchronously: a listener (a scan writing its progress to the database) gets a turn between them.
    if (options.onProgress) await new Promise<void>((resolve) => setImmediate(resolve));
    const ruleStarted = performance.now();
    rules.push(runAnalyzer(analyzer, { root, files: loaded.files, repositoryFiles, inputs: options.inputs ?? {} }, config, { inline: inline.suppressions, ruleExclusions }, findings));
    rulesMs[analyzer.meta.id] = Math.round(performance.now() - ruleStarted);
  }
  const disabledRules = ANALYZERS.filter((analyzer) => !enabled.includes(analyzer)).map((analyzer) => analyzer.meta.id);
  return {
    ...scoresOf(rules),
    rulesetVersion: rulesetVersionOf(enabled, config),
    findings,
    suppressions: { inline: inline.suppressions, invalid: inline.invalid, excluded, ruleExclusions, disabledRules },
    partial: partialReasons(listing.skipped, overLimit, options),
    stats: { ...fileStats(loaded.files), skipped: [...listing.skipped, ...overLimit, ...loaded.skipped], cache: loaded.cache, durationMs: Math.round(performance.now() - started), timings: { loadMs, rulesMs, threads: loaded.threads } },
  };
}

/** The first `maxFiles` files by path are analyzed; the others are reported as skipped for the file limit. */
function limitFiles(files: SourceFileEntry[], maxFiles: number): { included: SourceFileEntry[]; overLimit: SkippedFile[] } {
  if (files.length <= maxFiles) return { included: files, overLimit: [] };
  return { included: files.slice(0, maxFiles), overLimit: files.slice(maxFiles).map((file) => ({ path: file.path, reason: "file-limit" })) };
}

/** One sentence per limit that left source files unanalyzed, naming the limit and an example file. */
function partialReasons(skipped: SkippedFile[], overLimit: SkippedFile[], options: AnalyzeOptions): string[] | null {
  const reasons: string[] = [];
  const tooLarge = skipped.filter((file) => file.reason === "too-large");
  if (tooLarge.length > 0) {
    const limit = formatBytes(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    reasons.push(`${tooLarge.length} source file${tooLarge.length === 1 ? " is" : "s are"} larger than ${limit} and ${tooLarge.length === 1 ? "was" : "were"} not analyzed (e.g. ${tooLarge[0]?.path}).`);
  }
  if (overLimit.length > 0) {
    const limit = options.maxFiles ?? DEFAULT_MAX_FILES;
    reasons.push(`The repository has ${limit + overLimit.length} source files; the first ${limit} by path were analyzed and ${overLimit.length} were not (file limit ${limit}).`);
  }
  return reasons.length > 0 ? reasons : null;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** A file as the engine keeps it after loading: its suppressions and every analyzer's facts, cached or fresh. */
interface LoadedFile extends CachedFile {
  path: string;
}

const IO_BATCH = 64;
/** Files parsed in this thread before worker threads start: for a handful of files, starting threads costs more than it saves. */
const FILES_BEFORE_THREADS = 96;

/** Parses in this thread until enough files wait, then hands the rest to a pool of worker threads (one per core). */
class Collector {
  private pool: CollectPool | null = null;
  private parsedHere = 0;

  constructor(
    private readonly analyzers: readonly Analyzer<never>[],
    private readonly config: ResolvedConfig,
    private readonly threads: number,
  ) {}

  /** The file's facts, and their JSON when a worker thread already serialized them (the cache stores that as is). */
  collect(file: string, content: string): Promise<{ facts: CachedFile; json?: string }> {
    if (this.pool) return this.pool.collect(file, content);
    const entry = this.threads > 1 && this.parsedHere >= FILES_BEFORE_THREADS ? collectWorkerEntry() : null;
    if (entry) {
      this.pool = new CollectPool(this.threads, { ruleIds: this.analyzers.map((analyzer) => analyzer.meta.id), config: this.config }, entry);
      return this.pool.collect(file, content);
    }
    this.parsedHere += 1;
    return Promise.resolve({ facts: collectFacts(parseSourceText(file, content), this.analyzers, this.config) });
  }

  get threadsUsed(): number {
    return this.pool ? this.threads : 0;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/**
 * Reads every file and its cache entry (in batches, so disk waits overlap), parses only files without an entry (in
 * worker threads when there are many), and writes new entries in the background of the scan.
 */
async function loadFiles(entries: readonly SourceFileEntry[], analyzers: readonly Analyzer<never>[], config: ResolvedConfig, options: AnalyzeOptions) {
  const cache = options.cacheDir ? new FactCache(options.cacheDir) : null;
  const settings = JSON.stringify(analyzers.map((analyzer) => [analyzer.meta.id, resolveOptions(analyzer, config)]));
  const collector = new Collector(analyzers, config, options.threads ?? 1);
  const pending: Array<Promise<LoadedFile>> = [];
  const skipped: SkippedFile[] = [];
  const writes: Array<Promise<void>> = [];
  let hits = 0;
  let done = 0;
  const settle = (path: string, loaded: CachedFile, key: string | null, json?: string): LoadedFile => {
    options.onProgress?.({ phase: "parsing", done: ++done, total: entries.length });
    if (cache && key) writes.push(cache.set(key, loaded, json));
    return { ...loaded, path };
  };
  try {
    for (let start = 0; start < entries.length; start += IO_BATCH) {
      options.signal?.throwIfAborted();
      const batch = await Promise.all(entries.slice(start, start + IO_BATCH).map((entry) => readWithEntry(entry, cache, settings)));
      for (const { entry, content, key, cached, binary } of batch) {
        if (binary) skipped.push({ path: entry.path, reason: "binary" });
        else if (cached) {
          hits += 1;
          pending.push(Promise.resolve(settle(entry.path, cached, null)));
        } else pending.push(collector.collect(entry.path, content).then(({ facts, json }) => settle(entry.path, facts, key, json)));
      }
    }
    const files = await Promise.all(pending);
    await Promise.all(writes);
    return { files, skipped, cache: { hits, misses: files.length - hits }, threads: collector.threadsUsed };
  } finally {
    await collector.close();
  }
}

async function readWithEntry(entry: SourceFileEntry, cache: FactCache | null, settings: string) {
  const bytes = await readFile(entry.absolutePath);
  if (isBinaryContent(bytes)) return { entry, content: "", key: "", cached: undefined, binary: true };
  const key = FactCache.key([entry.path, gitBlobId(bytes), ENGINE_VERSION, settings]);
  const cached = await cache?.get(key);
  return { entry, content: cached ? "" : bytes.toString("utf8"), key, cached, binary: false };
}

function rulesetVersionOf(enabled: readonly Analyzer<never>[], config: ResolvedConfig): string {
  const rules = enabled.map((analyzer) => {
    const settings = config.rules[analyzer.meta.id];
    return [analyzer.meta.id, settings?.weight ?? analyzer.meta.weight, settings?.severity ?? analyzer.meta.defaultSeverity, resolveOptions(analyzer, config)];
  });
  const digest = createHash("sha256").update(JSON.stringify({ rules, exclude: config.exclude })).digest("hex").slice(0, 8);
  return `${ENGINE_VERSION}+${digest}`;
}

function scoresOf(rules: RuleReport[]) {
  const score = weightedMean(rules);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    engineVersion: ENGINE_VERSION,
    guideVersion: GUIDE_VERSION,
    score,
    grade: score === null ? null : gradeFor(score),
    categories: categoriesOf(rules),
    rules,
  };
}

function fileStats(files: readonly LoadedFile[]) {
  return {
    files: files.length,
    lines: files.reduce((sum, file) => sum + file.lineCount, 0),
    unparsed: files.filter((file) => file.parseError !== undefined).map((file) => ({ path: file.path, reason: file.parseError ?? "unparsable" })),
  };
}

function assertKnownRules(config: ResolvedConfig): void {
  const known = new Set(ANALYZERS.map((analyzer) => analyzer.meta.id));
  const unknown = Object.keys(config.rules).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ConfigFileError(`Unknown rule(s) in the configuration: ${unknown.join(", ")}. Known rules: ${[...known].join(", ")}.`);
  }
}

function applyExcludes(files: SourceFileEntry[], exclusions: readonly Exclusion[]) {
  const matchers = exclusions.map((exclusion) => ({ exclusion, regex: globToRegExp(exclusion.pattern), files: 0 }));
  const included = files.filter((file) => {
    const matcher = matchers.find(({ regex }) => regex.test(file.path));
    if (matcher) matcher.files += 1;
    return !matcher;
  });
  const isExcluded = (file: string) => matchers.some(({ regex }) => regex.test(file));
  return { included, isExcluded, excluded: matchers.map(({ exclusion, files: count }) => ({ ...exclusion, files: count })) };
}

type Suppressors = { inline: Array<Suppression & { matched: number }>; ruleExclusions: SuppressionLedger["ruleExclusions"] };

/** The inline comment or the rule's `exclude` glob that suppresses a finding, counted as it matches. */
function suppressionFor(ruleId: string, draft: FindingDraft, suppressors: Suppressors): Finding["suppressed"] {
  const comment = suppressors.inline.find((s) => s.ruleId === ruleId && s.file === draft.file && s.targetLine === draft.line);
  if (comment) {
    comment.matched += 1;
    return { kind: "inline", reason: comment.reason, line: comment.line };
  }
  const exclusion = suppressors.ruleExclusions.find((entry) => entry.ruleId === ruleId && globToRegExp(entry.pattern).test(draft.file));
  if (!exclusion) return undefined;
  exclusion.matched += 1;
  return { kind: "config", reason: exclusion.reason ?? `excluded by "${exclusion.pattern}" in ${exclusion.source}`, line: null };
}

function collectSuppressions(files: readonly LoadedFile[]) {
  const known = new Set(ANALYZERS.map((analyzer) => analyzer.meta.id));
  const suppressions: Array<Suppression & { matched: number }> = [];
  const invalid: InvalidSuppression[] = [];
  for (const file of files) {
    const found = file.suppressions;
    invalid.push(...found.invalid);
    for (const suppression of found.suppressions) {
      if (known.has(suppression.ruleId)) suppressions.push({ ...suppression, matched: 0 });
      else invalid.push({ file: suppression.file, line: suppression.line, problem: `unknown rule "${suppression.ruleId}"` });
    }
  }
  return { suppressions, invalid };
}

function runAnalyzer(
  analyzer: Analyzer<never>,
  project: { root: string; files: readonly LoadedFile[]; repositoryFiles: readonly string[]; inputs: AnalysisInputs },
  config: ResolvedConfig,
  suppressors: Suppressors,
  sink: Finding[],
): RuleReport {
  const { meta } = analyzer;
  const ruleConfig = config.rules[meta.id] ?? {};
  const files = project.files.map((file) => ({ path: file.path, lineCount: file.lineCount, facts: file.facts[meta.id] as never }));
  const output = analyzer.combine({ root: project.root, files, repositoryFiles: project.repositoryFiles, inputs: project.inputs, options: resolveOptions(analyzer, config) });
  const active: FindingDraft[] = [];
  for (const draft of output.findings) {
    const suppressed = suppressionFor(meta.id, draft, suppressors);
    if (!suppressed) active.push(draft);
    sink.push({
      ruleId: meta.id,
      guideTags: [...meta.guideTags],
      severity: ruleConfig.severity ?? meta.defaultSeverity,
      file: draft.file,
      line: draft.line,
      endLine: draft.endLine,
      message: draft.message,
      fingerprint: fingerprintOf(meta.id, draft.file, draft.identity),
      ...(draft.snippet === undefined ? {} : { snippet: draft.snippet }),
      ...(suppressed ? { suppressed } : {}),
    });
  }
  return {
    id: meta.id,
    guideTags: [...meta.guideTags],
    section: meta.section,
    score: output.score(active),
    weight: ruleConfig.weight ?? meta.weight,
    findingCount: active.length,
    suppressedCount: output.findings.length - active.length,
    metrics: output.metrics,
  };
}

function categoriesOf(rules: readonly RuleReport[]): CategoryReport[] {
  return (Object.keys(GUIDE_SECTIONS) as GuideSectionId[])
    .map((id) => ({ id, title: GUIDE_SECTIONS[id].title, score: weightedMean(rules.filter((rule) => rule.section === id)) }))
    .filter((category) => rules.some((rule) => rule.section === category.id));
}
