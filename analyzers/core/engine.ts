import { performance } from "node:perf_hooks";
import type { Analyzer } from "./analyzer";
import { fingerprintOf, type Finding } from "./finding";
import { GUIDE_SECTIONS, GUIDE_VERSION, type GuideSectionId } from "./guide";
import { ANALYZERS } from "./registry";
import { gradeFor, weightedMean, type Grade } from "./scoring";
import { listSourceFiles, type SkippedFile } from "../source/files";
import { parseSourceFile, SCRIPT_EXTENSIONS, type ParsedFile } from "../source/parse";

/** Bumped whenever a rule, its defaults or the scoring change, so such changes can be told from code changes. */
export const ENGINE_VERSION = "0.1.0";
export const REPORT_SCHEMA_VERSION = 1;
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface RuleReport {
  id: string;
  guideTags: string[];
  section: GuideSectionId;
  score: number | null;
  weight: number;
  findingCount: number;
  metrics: Record<string, number>;
}

export interface CategoryReport {
  id: GuideSectionId;
  title: string;
  score: number | null;
}

export interface AnalysisReport {
  schemaVersion: number;
  engineVersion: string;
  guideVersion: string;
  score: number | null;
  grade: Grade | null;
  categories: CategoryReport[];
  rules: RuleReport[];
  findings: Finding[];
  stats: {
    files: number;
    lines: number;
    unparsed: Array<{ path: string; reason: string }>;
    skipped: SkippedFile[];
    durationMs: number;
  };
}

export interface AnalyzeOptions {
  maxFileBytes?: number;
  /** Checked between files; an aborted analysis throws `signal.reason`. */
  signal?: AbortSignal;
}

/** Analyzes the checkout at `root`: lists and parses its files once, runs every analyzer, scores the results. */
export async function analyzeRepository(root: string, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const listing = await listSourceFiles(root, {
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    extensions: SCRIPT_EXTENSIONS,
  });
  const parsed: ParsedFile[] = [];
  for (const entry of listing.files) {
    options.signal?.throwIfAborted();
    parsed.push(await parseSourceFile(entry));
  }
  const findings: Finding[] = [];
  const rules = ANALYZERS.map((analyzer) => runAnalyzer(analyzer, parsed, findings));
  const score = weightedMean(rules);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    engineVersion: ENGINE_VERSION,
    guideVersion: GUIDE_VERSION,
    score,
    grade: score === null ? null : gradeFor(score),
    categories: categoriesOf(rules),
    rules,
    findings,
    stats: {
      files: parsed.length,
      lines: parsed.reduce((sum, file) => sum + file.lineCount, 0),
      unparsed: parsed.filter((file) => file.ast === null).map((file) => ({ path: file.path, reason: file.parseError ?? "unparsable" })),
      skipped: listing.skipped,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

function runAnalyzer(analyzer: Analyzer<never>, files: readonly ParsedFile[], sink: Finding[]): RuleReport {
  const { meta } = analyzer;
  const output = analyzer.run({ files, options: meta.options.parse({}) });
  for (const draft of output.findings) {
    sink.push({
      ruleId: meta.id,
      guideTags: [...meta.guideTags],
      severity: meta.defaultSeverity,
      file: draft.file,
      line: draft.line,
      endLine: draft.endLine,
      message: draft.message,
      fingerprint: fingerprintOf(meta.id, draft.file, draft.identity),
      ...(draft.snippet === undefined ? {} : { snippet: draft.snippet }),
    });
  }
  return {
    id: meta.id,
    guideTags: [...meta.guideTags],
    section: meta.section,
    score: output.score,
    weight: meta.weight,
    findingCount: output.findings.length,
    metrics: output.metrics,
  };
}

function categoriesOf(rules: readonly RuleReport[]): CategoryReport[] {
  return (Object.keys(GUIDE_SECTIONS) as GuideSectionId[])
    .map((id) => ({ id, title: GUIDE_SECTIONS[id].title, score: weightedMean(rules.filter((rule) => rule.section === id)) }))
    .filter((category) => rules.some((rule) => rule.section === category.id));
}
