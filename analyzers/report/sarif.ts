import { ANALYZERS } from "../core/registry";
import type { AnalysisReport } from "../core/engine";
import type { Finding, Severity } from "../core/finding";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const LEVELS: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** Every rule Heimdall has, whether or not it found anything, so results can point at their rule by index. */
function sarifRules() {
  return ANALYZERS.map(({ meta }) => ({
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} Guide: ${meta.guideTags.map((tag) => `[${tag}]`).join(" ")}. Scoring: ${meta.scoring}` },
    defaultConfiguration: { level: LEVELS[meta.defaultSeverity] },
    properties: { tags: meta.guideTags.map((tag) => `ASGUARD01/${tag}`) },
  }));
}

/** One result; the fingerprint lets code scanning follow a finding across commits as the report's own snapshots do. */
function sarifResult(finding: Finding, ruleIndex: ReadonlyMap<string, number>) {
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.file, uriBaseId: "%SRCROOT%" },
          region: { startLine: finding.line, endLine: finding.endLine },
        },
      },
    ],
    partialFingerprints: { "heimdall/v1": finding.fingerprint },
    ...(finding.suppressed ? { suppressions: [{ kind: finding.suppressed.kind === "inline" ? "inSource" : "external", justification: finding.suppressed.reason }] } : {}),
  };
}

/** What a SARIF log is written from: a fresh report, or a stored snapshot (the API's SARIF export). */
export type SarifSource = Pick<AnalysisReport, "engineVersion" | "guideVersion" | "score" | "grade" | "findings">;

/** SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read. Suppressed findings carry their justification. */
export function formatSarif(report: SarifSource): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "Heimdall", semanticVersion: report.engineVersion, rules } },
        results: report.findings.map((finding) => sarifResult(finding, ruleIndex)),
        properties: { score: report.score, grade: report.grade, guideVersion: report.guideVersion },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
