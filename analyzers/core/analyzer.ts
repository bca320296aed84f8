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

export interface Analyzer<Options = unknown> {
  meta: AnalyzerMeta<Options>;
  run(input: AnalyzerInput<Options>): AnalyzerOutput;
}

/** Keeps the option type of each analyzer while letting the registry hold them side by side. */
export function defineAnalyzer<Options>(analyzer: Analyzer<Options>): Analyzer<Options> {
  return analyzer;
}
