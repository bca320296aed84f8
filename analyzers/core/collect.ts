import type { Analyzer } from "./analyzer";
import type { CachedFile } from "./cache";
import { ConfigFileError, type ResolvedConfig } from "./config";
import { findSuppressions } from "./suppressions";
import type { ParsedFile } from "../source/parse";

/** The options an analyzer runs with: its defaults under the merged configuration, validated by its schema. */
export function resolveOptions(analyzer: Analyzer<never>, config: ResolvedConfig): never {
  const result = analyzer.meta.options.safeParse(config.rules[analyzer.meta.id]?.options ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`).join("; ");
  throw new ConfigFileError(`Options of rule "${analyzer.meta.id}" are invalid: ${problems}`);
}

/** Runs every analyzer's per-file step on the one parsed tree, and reads the file's suppression comments. */
export function collectFacts(file: ParsedFile, analyzers: readonly Analyzer<never>[], config: ResolvedConfig): CachedFile {
  const facts = Object.fromEntries(analyzers.map((analyzer) => [analyzer.meta.id, analyzer.collect(file, resolveOptions(analyzer, config))]));
  const suppressions = findSuppressions(file);
  return { lineCount: file.lineCount, suppressions, facts, ...(file.parseError === undefined ? {} : { parseError: file.parseError }) };
}
