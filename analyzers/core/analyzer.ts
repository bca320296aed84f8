import type { z } from "zod";
import type { FindingDraft, Severity } from "./finding";
import type { GuideSectionId } from "./guide";
import type { ParsedFile } from "../source/parse";

/** Metadata beside the code, as in ESLint's `meta`: the registry, docs and UI are derived from it. */
export interface AnalyzerMeta<Options> {
  /** Equals the analyzer's folder name under `analyzers/rules/`. */
  id: string;
  guideTags: readonly string[];
  section: GuideSectionId;
  description: string;
  defaultSeverity: Severity;
  /** Weight of the rule in its section and in the overall score. */
  weight: number;
  scope: "file" | "project";
  /** Options with their defaults; `parse({})` yields the defaults. */
  options: z.ZodType<Options>;
  /** How the 0–100 score is computed, in one sentence shown in the UI. */
  scoring: string;
}

export interface AnalyzerInput<Options> {
  /** Absolute path of the checkout, for project files such as tsconfig.json. */
  root: string;
  files: readonly ParsedFile[];
  options: Options;
  /** Every file of the checkout (see CombineInput); defaults to the parsed files' paths. */
  repositoryFiles?: readonly string[];
}

/** One file as the project step sees it: its path, size and the facts `collect` took from it (maybe from the cache). */
export interface FileFacts<Facts> {
  path: string;
  lineCount: number;
  facts: Facts;
}

/** Inputs a caller hands in beside the checkout, e.g. a coverage report uploaded by CI for this commit. */
export interface AnalysisInputs {
  coverageReports?: ReadonlyArray<{ name: string; content: string }>;
}

export interface CombineInput<Options, Facts> {
  root: string;
  files: ReadonlyArray<FileFacts<Facts>>;
  /**
   * Every file of the checkout as the engine listed it (git's view, excludes applied, any extension, sorted): rules
   * about README, CI workflows or Dockerfiles find them here and read them from `root` with `readRepoFile`.
   */
  repositoryFiles: readonly string[];
  options: Options;
  inputs?: AnalysisInputs;
}

export interface AnalyzerOutput {
  findings: FindingDraft[];
  metrics: Record<string, number>;
  /**
   * 0–100 from the findings that are not suppressed, or null when the rule does not apply to this repository (never
   * counted as a pass). Collecting findings and scoring them are separate steps, so suppressions can sit between.
   */
  score(active: readonly FindingDraft[]): number | null;
}

/**
 * An analyzer is two steps, as in OpenSSF Scorecard's probes: `collect` takes JSON-serializable facts from one parsed
 * file (cached by the file's git blob id, so an unchanged file is never parsed twice), `combine` turns every file's
 * facts into findings, metrics and a score.
 */
export interface AnalyzerDefinition<Options, Facts> {
  meta: AnalyzerMeta<Options>;
  collect(file: ParsedFile, options: Options): Facts;
  combine(input: CombineInput<Options, Facts>): AnalyzerOutput;
}

export interface Analyzer<Options = unknown, Facts = unknown> extends AnalyzerDefinition<Options, Facts> {
  /** Both steps on parsed files, without a cache: what tests and one-off runs use. */
  run(input: AnalyzerInput<Options>): AnalyzerOutput;
}

/** Keeps the option type of each analyzer while letting the registry hold them side by side. */
export function defineAnalyzer<Options, Facts>(definition: AnalyzerDefinition<Options, Facts>): Analyzer<Options, Facts> {
  return {
    ...definition,
    run: ({ root, files, options, repositoryFiles = files.map((file) => file.path) }) =>
      definition.combine({ root, options, repositoryFiles, files: files.map((file) => ({ path: file.path, lineCount: file.lineCount, facts: definition.collect(file, options) })) }),
  };
}
