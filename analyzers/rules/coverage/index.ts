import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { DEFAULT_LAYER_FOLDERS, layerFinder } from "../../core/layers";
import { weightedMean } from "../../core/scoring";
import { ModuleResolver, readPathAliases } from "../../source/resolve";
import { mapCoverage, type FileCoverage } from "./mapping";
import { isTestFile } from "../../source/roles";
import { collectModuleFacts, filesReachedFromTests, isCoverableFile, isSourceModule, type ModuleFile } from "./modules";
import { readCoverageReports, readHandedInReports, type ReportScan } from "./reports";

const percent = z.number().min(0).max(100);

const layerSchema = z.strictObject({
  name: z.string().min(1),
  /** Folder names that put a file in this layer (the first matching folder on its path decides). */
  folders: z.array(z.string().min(1)).min(1),
  /** Least share of the layer's lines, in percent, that tests must run. */
  target: percent,
});

/** The layering rule's folders, with the lower bound of each of the guide's coverage ranges. */
const DEFAULT_LAYERS: Array<z.infer<typeof layerSchema>> = [
  { name: "domain", folders: [...DEFAULT_LAYER_FOLDERS.domain], target: 90 },
  { name: "application", folders: [...DEFAULT_LAYER_FOLDERS.application], target: 80 },
  { name: "infrastructure", folders: [...DEFAULT_LAYER_FOLDERS.infrastructure], target: 60 },
  { name: "presentation", folders: [...DEFAULT_LAYER_FOLDERS.presentation], target: 50 },
];

const options = z.strictObject({
  layers: z.array(layerSchema).default(DEFAULT_LAYERS),
  /** Files outside every layer folder: the guide's headline "minimum 80% coverage". */
  otherTarget: percent.default(80),
});

type Layer = z.infer<typeof layerSchema>;

/** A layer, or the files outside every layer folder, with the share tests must cover. */
interface Group {
  name: string;
  target: number;
  isOther: boolean;
}

/** How one group measured up and what it adds to the score. */
interface Verdict {
  group: Group;
  percent: number;
  /** Lines (measured) or modules (estimated) in the group. */
  weight: number;
  score: number;
  finding: FindingDraft | null;
}

interface Judgement {
  verdicts: Verdict[];
  metrics: Record<string, number>;
}

export const coverage = defineAnalyzer({
  meta: {
    id: "coverage",
    guideTags: ["COV"],
    section: "testing",
    description: "Layers whose test coverage (read from the repository's coverage reports, or estimated from the imports of its tests) is below the guide's target for that layer.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring:
      "Mean over layers, weighted by lines, of 100 × measured coverage / the layer's target (at most 100); without a coverage report, the share of modules reached from tests (an estimate); not applicable without source modules.",
  },
  collect: (file) => collectModuleFacts(file),
  combine({ root, files, inputs, options: { layers, otherTarget } }) {
    const modules = files.filter(isSourceModule);
    if (modules.length === 0) return { findings: [], metrics: { modules: 0 }, score: () => null };
    const handedIn = inputs?.coverageReports ?? [];
    const scan = handedIn.length > 0 ? readHandedInReports(handedIn) : readCoverageReports(root);
    const groups = groupsOf(layers, otherTarget);
    const groupOf = groupFinder(layers, groups);
    const mapped = mapCoverage(scan.reports, files.map((file) => file.path));
    const measured = mapped.files.filter((file) => isCoverableFile(file.path) && file.total > 0);
    const judgement =
      measured.length > 0
        ? judgeReports(measured, groups, groupOf, scan)
        : judgeEstimate(files, modules, { groups, groupOf, prefix: estimatePrefix(scan), resolver: resolverFor(root, files) });
    const { verdicts } = judgement;
    return {
      findings: verdicts.flatMap((verdict) => verdict.finding ?? []),
      metrics: { modules: modules.length, ...scanMetrics(scan, mapped.unmatched), ...judgement.metrics, ...groupMetrics(verdicts) },
      score: (active) => scoreOf(verdicts, new Set(active)),
    };
  },
});

function resolverFor(root: string, files: readonly ModuleFile[]): ModuleResolver {
  return new ModuleResolver(files.map((file) => file.path), readPathAliases(root));
}

/** A suppressed finding leaves the score: its group counts as meeting its target. */
function scoreOf(verdicts: readonly Verdict[], active: ReadonlySet<FindingDraft>): number | null {
  return weightedMean(verdicts.map(({ weight, score, finding }) => ({ weight, score: finding && !active.has(finding) ? 100 : score })));
}

function groupsOf(layers: readonly Layer[], otherTarget: number): Group[] {
  return [...layers.map(({ name, target }) => ({ name, target, isOther: false })), { name: "other", target: otherTarget, isOther: true }];
}

/** As in the layering rule: the first folder on a file's path that names a layer decides; the rest is "other". */
function groupFinder(layers: readonly Layer[], groups: readonly Group[]): (file: string) => Group {
  const other = groups.find((group) => group.isOther) ?? { name: "other", target: 0, isOther: true };
  const layerOf = layerFinder(layers);
  return (file) => {
    const layer = layerOf(file);
    return (layer && groups[layers.indexOf(layer)]) ?? other;
  };
}

// ---- with a coverage report ----

function judgeReports(measured: readonly FileCoverage[], groups: readonly Group[], groupOf: (file: string) => Group, scan: ReportScan): Judgement {
  const note = scan.skipped.length > 0 ? ` (Skipped: ${skippedText(scan)}.)` : "";
  const verdicts = groups.flatMap((group) => {
    const members = measured.filter((file) => groupOf(file.path) === group);
    return members.length > 0 ? [measuredVerdict(group, members, note)] : [];
  });
  const covered = measured.reduce((sum, file) => sum + file.covered, 0);
  const total = measured.reduce((sum, file) => sum + file.total, 0);
  return {
    verdicts,
    metrics: { estimated: 0, filesWithCoverage: measured.length, coveredLines: covered, measurableLines: total, coveragePercent: roundPercent((100 * covered) / total) },
  };
}

function measuredVerdict(group: Group, members: readonly FileCoverage[], note: string): Verdict {
  const covered = members.reduce((sum, file) => sum + file.covered, 0);
  const total = members.reduce((sum, file) => sum + file.total, 0);
  const measured = (100 * covered) / total;
  const score = group.target === 0 ? 100 : Math.min(100, (100 * measured) / group.target);
  return { group, percent: measured, weight: total, score, finding: measured < group.target ? measuredFinding(group, measured, members, note) : null };
}

function measuredFinding(group: Group, measured: number, members: readonly FileCoverage[], note: string): FindingDraft {
  const leastCovered = [...members].sort(byCoverage).slice(0, 3);
  const list = leastCovered.map((file) => `${file.path} (${formatPercent((100 * file.covered) / file.total)}%)`).join(", ");
  return {
    file: leastCovered[0]?.path ?? "",
    line: 1,
    endLine: 1,
    message: `Line coverage of ${labelOf(group)} is ${formatPercent(measured)}%, below the guide's target of ${group.target}%. Least covered: ${list}. Add tests for the behaviour these files leave unexercised.${note}`,
    identity: ["layer", group.name],
  };
}

/** Least covered first; among equals, the file with more uncovered lines (more to gain), then by path. */
function byCoverage(a: FileCoverage, b: FileCoverage): number {
  const share = a.covered / a.total - b.covered / b.total;
  if (share !== 0) return share;
  const uncovered = b.total - b.covered - (a.total - a.covered);
  return uncovered !== 0 ? uncovered : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

// ---- without one: an estimate from the import graph ----

interface EstimateContext {
  groups: readonly Group[];
  groupOf: (file: string) => Group;
  /** Says that the figures are estimated, and why. */
  prefix: string;
  resolver: ModuleResolver;
}

function judgeEstimate(files: readonly ModuleFile[], modules: readonly ModuleFile[], context: EstimateContext): Judgement {
  const reachedFiles = filesReachedFromTests(files, context.resolver);
  const reached = modules.filter((module) => reachedFiles.has(module.path)).length;
  const overall = `${context.prefix}; ${reached} of ${modules.length} modules are reached from tests`;
  const verdicts = context.groups.flatMap((group) => {
    const members = modules.filter((module) => context.groupOf(module.path) === group).map((module) => module.path);
    return members.length > 0 ? [estimatedVerdict(group, members, reachedFiles, overall)] : [];
  });
  return { verdicts, metrics: { estimated: 1, testFiles: files.filter((file) => isTestFile(file.path)).length, reachedModules: reached } };
}

function estimatedVerdict(group: Group, members: readonly string[], reachedFiles: ReadonlySet<string>, overall: string): Verdict {
  const unreached = members.filter((module) => !reachedFiles.has(module)).sort();
  const share = (100 * (members.length - unreached.length)) / members.length;
  return { group, percent: share, weight: members.length, score: share, finding: share < group.target ? estimatedFinding(group, members.length, unreached, share, overall) : null };
}

function estimatedFinding(group: Group, memberCount: number, unreached: readonly string[], share: number, overall: string): FindingDraft {
  const more = unreached.length > 3 ? ` and ${unreached.length - 3} more` : "";
  return {
    file: unreached[0] ?? "",
    line: 1,
    endLine: 1,
    message:
      `${overall} (${memberCount - unreached.length} of ${memberCount} in ${labelOf(group)}, ${formatPercent(share)}%; target ${group.target}%). ` +
      `Not reached from any test: ${unreached.slice(0, 3).join(", ")}${more}. Test them, and publish a coverage report (e.g. coverage/lcov.info) for a measured figure.`,
    identity: ["layer", group.name],
  };
}

function estimatePrefix(scan: ReportScan): string {
  if (scan.reports.length === 0 && scan.skipped.length === 0) return "estimated: no coverage report found";
  const reasons = [
    ...(scan.skipped.length > 0 ? [skippedText(scan)] : []),
    ...(scan.reports.length > 0 ? [`${scan.reports.map((report) => report.path).join(", ")} name${scan.reports.length === 1 ? "s" : ""} no source file of the repository`] : []),
  ];
  return `estimated: no usable coverage report found (${reasons.join("; ")})`;
}

// ---- shared ----

function labelOf(group: Group): string {
  return group.isOther ? "code outside the layer folders" : `the ${group.name} layer`;
}

function skippedText(scan: ReportScan): string {
  return scan.skipped.map((report) => `${report.path}, because ${report.reason}`).join("; ");
}

function scanMetrics(scan: ReportScan, unmatched: number): Record<string, number> {
  const oversized = scan.skipped.filter((report) => report.oversized).length;
  return { reports: scan.reports.length, malformedReports: scan.skipped.length - oversized, oversizedReports: oversized, unmatchedReportFiles: unmatched };
}

function groupMetrics(verdicts: readonly Verdict[]): Record<string, number> {
  return Object.fromEntries(verdicts.map((verdict) => [`coverage.${verdict.group.name}`, roundPercent(verdict.percent)]));
}

function formatPercent(value: number): string {
  return String(roundPercent(value));
}

/** To one decimal, rounded down, so a share just under its target never reads as the target itself. */
function roundPercent(value: number): number {
  return Math.floor(value * 10 + 1e-9) / 10;
}
