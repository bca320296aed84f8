// Per-rule figures on real repositories, for reviewing precision: `npm run bench:rules -- [repo …]`.
//
// For each analyzer: the size of its fixture table (valid and invalid cases, expected findings) and, on each repository
// given (default: the typeorm and umami clones in /work/corpus and Heimdall itself), its score and number of findings,
// with the first findings listed so a reviewer can judge them. Reading those findings is how false alarms are found.
import { existsSync } from "node:fs";
import path from "node:path";
import { analyzeRepository, ANALYZERS, type AnalysisReport } from "../../analyzers";
import type { AnalyzerFixtures } from "../../analyzers/core/fixtures";

const RULES_DIR = path.join(__dirname, "..", "..", "analyzers", "rules");
const DEFAULT_REPOSITORIES = ["/work/corpus/typeorm", "/work/corpus/umami", path.join(__dirname, "..", "..")];
const SAMPLE = Number(process.env.SAMPLE ?? 3);

async function fixtureSize(id: string): Promise<string> {
  const { cases } = (await import(path.join(RULES_DIR, id, "fixtures", "cases.ts"))) as { cases: AnalyzerFixtures };
  const expected = cases.invalid.reduce((sum, fixture) => sum + fixture.findings.length, 0);
  return `${cases.valid.length} valid / ${cases.invalid.length} invalid cases, ${expected} expected findings`;
}

function ruleLine(report: AnalysisReport, id: string): string {
  const rule = report.rules.find((candidate) => candidate.id === id);
  const score = rule?.score === null || rule?.score === undefined ? "n/a" : rule.score.toFixed(1);
  return `score ${score}, ${rule?.findingCount ?? 0} findings`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const repositories = (args.length > 0 ? args : DEFAULT_REPOSITORIES).filter((repo) => existsSync(repo));
  const reports = new Map<string, AnalysisReport>();
  for (const repo of repositories) reports.set(repo, await analyzeRepository(repo));
  const lines: string[] = [];
  for (const analyzer of ANALYZERS) {
    const { id } = analyzer.meta;
    lines.push(`${id} [${analyzer.meta.guideTags.join("] [")}]: fixtures ${await fixtureSize(id)}`);
    for (const [repo, report] of reports) {
      lines.push(`  ${path.basename(repo)}: ${ruleLine(report, id)}`);
      const sample = report.findings.filter((finding) => finding.ruleId === id && !finding.suppressed).slice(0, SAMPLE);
      for (const finding of sample) lines.push(`    ${finding.file}:${finding.line} ${finding.message.slice(0, 140)}`);
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

void main();
