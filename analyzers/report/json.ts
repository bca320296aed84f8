import type { AnalysisReport, RuleReport } from "../core/engine";
import type { Finding } from "../core/finding";

/** Only the fields the contract names: a field added to the engine's report does not leak into the JSON by accident. */
function ruleEntry({ id, guideTags, score, weight, findingCount, metrics }: RuleReport): Pick<RuleReport, "id" | "guideTags" | "score" | "weight" | "findingCount" | "metrics"> {
  return { id, guideTags, score, weight, findingCount, metrics };
}

/** A finding as the contract has it: no snippet, and `suppressed` only when the finding is suppressed. */
function findingEntry({ ruleId, guideTags, severity, file, line, endLine, message, fingerprint, suppressed }: Finding): Omit<Finding, "snippet"> {
  return { ruleId, guideTags, severity, file, line, endLine, message, fingerprint, ...(suppressed ? { suppressed } : {}) };
}

/** The CLI's JSON contract (`schemaVersion` 1), documented in docs/cli.md. */
export function formatJson(report: AnalysisReport, repository: string, commit: string | null): string {
  const output = {
    schemaVersion: report.schemaVersion,
    repository,
    commit,
    score: report.score,
    grade: report.grade,
    engineVersion: report.engineVersion,
    guideVersion: report.guideVersion,
    rulesetVersion: report.rulesetVersion,
    categories: report.categories,
    rules: report.rules.map(ruleEntry),
    findings: report.findings.map(findingEntry),
    suppressions: report.suppressions,
    stats: { files: report.stats.files, lines: report.stats.lines, durationMs: report.stats.durationMs },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
