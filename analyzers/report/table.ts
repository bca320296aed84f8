import type { AnalysisReport } from "../core/engine";

const pad = (text: string, width: number) => text.padEnd(width);
const score = (value: number | null) => (value === null ? "n/a" : value.toFixed(1));

/** A plain-text summary for terminals: overall score, one line per rule, then the findings. */
export function formatTable(report: AnalysisReport, target: string): string {
  const lines = [
    `Heimdall ${report.engineVersion} · ASGUARD01 guide ${report.guideVersion} · ruleset ${report.rulesetVersion} · ${target}`,
    `Score ${score(report.score)}${report.grade ? ` (grade ${report.grade})` : ""} · ${report.stats.files} files, ${report.stats.lines} lines, ${report.stats.durationMs} ms`,
    "",
    `${pad("rule", 24)}${pad("tags", 16)}${pad("score", 8)}findings`,
    ...report.rules.map((rule) => `${pad(rule.id, 24)}${pad(rule.guideTags.map((tag) => `[${tag}]`).join(" "), 16)}${pad(score(rule.score), 8)}${rule.findingCount}`),
  ];
  if (report.findings.length > 0) {
    lines.push("", ...report.findings.map((finding) => `${finding.file}:${finding.line}  ${finding.severity}  ${finding.ruleId}  ${finding.message}`));
  }
  for (const skipped of report.stats.skipped) lines.push(`skipped ${skipped.path}: ${skipped.reason}`);
  for (const unparsed of report.stats.unparsed) lines.push(`not parsed ${unparsed.path}: ${unparsed.reason}`);
  return `${lines.join("\n")}\n`;
}
