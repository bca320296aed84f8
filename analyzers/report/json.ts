import type { AnalysisReport } from "../core/engine";

/** The CLI's JSON contract (`schemaVersion` 1), documented in docs/cli.md. */
export function formatJson(report: AnalysisReport, repository: string, commit: string | null): string {
  return `${JSON.stringify(
    {
      schemaVersion: report.schemaVersion,
      repository,
      commit,
      score: report.score,
      grade: report.grade,
      engineVersion: report.engineVersion,
      guideVersion: report.guideVersion,
      rulesetVersion: report.rulesetVersion,
      categories: report.categories,
      rules: report.rules.map(({ id, guideTags, score, weight, findingCount, metrics }) => ({ id, guideTags, score, weight, findingCount, metrics })),
      findings: report.findings.map(({ ruleId, guideTags, severity, file, line, endLine, message, fingerprint, suppressed }) => ({
        ruleId, guideTags, severity, file, line, endLine, message, fingerprint, ...(suppressed ? { suppressed } : {}),
      })),
      suppressions: report.suppressions,
      stats: { files: report.stats.files, lines: report.stats.lines, durationMs: report.stats.durationMs },
    },
    null,
    2,
  )}\n`;
}
