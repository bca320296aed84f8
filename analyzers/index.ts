// The analysis engine's public surface. The web app and scripts import from here only.
export { analyzeRepository, ENGINE_VERSION, REPORT_SCHEMA_VERSION } from "./core/engine";
export type { AnalysisReport, AnalyzeOptions, ProgressEvent, CategoryReport, RuleReport, SuppressionLedger } from "./core/engine";
export { ConfigFileError, CONFIG_FILE_NAME, parseConfigLayer } from "./core/config";
export type { ConfigLayer } from "./core/config";
export type { Finding, Severity } from "./core/finding";
export { SEVERITIES } from "./core/finding";
export { GUIDE_SECTIONS, GUIDE_VERSION } from "./core/guide";
export type { GuideSectionId } from "./core/guide";
export { ANALYZERS, findAnalyzer } from "./core/registry";
export { pruneFactCache } from "./core/cache";
export { detectReportFormat as detectCoverageFormat } from "./rules/coverage/reports";
export type { AnalysisInputs } from "./core/analyzer";
export { gradeFor } from "./core/scoring";
export type { Grade } from "./core/scoring";
export { formatTable } from "./report/table";
export { formatJson } from "./report/json";
export { formatSarif } from "./report/sarif";
