import { z } from "zod";
import { defineAnalyzer, type AnalyzerOutput } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { checklistScore, headingsOf, isTestCommandLine, normalizeHeading, readRepoFile } from "../../source/repo-files";

const SECTION_IDS = ["installation", "configuration", "usage", "tests"] as const;
type SectionId = (typeof SECTION_IDS)[number];

/** Heading words that count for each section, matched on the lower-cased heading (see the README for the full list). */
const SECTION_HEADINGS: Record<SectionId, RegExp> = {
  installation: /\b(?:install\w*|setup|set up|getting started|get started|quick ?start|bootstrap\w*)\b/,
  configuration: /\b(?:config\w*|environment|env|settings|options)\b/,
  usage: /\b(?:usage|use|using|how to use|running|run|examples?|tutorial|getting started|get started|quick ?start)\b/,
  tests: /\b(?:tests?|testing)\b/,
};

const SECTION_FIXES: Record<SectionId, string> = {
  installation: 'add an "## Installation" (or "## Getting started") section with the commands that install the project',
  configuration: 'add a "## Configuration" section listing the settings and environment variables it reads',
  usage: 'add a "## Usage" section showing how to run or call it',
  tests: 'add a "## Tests" section (or the test command) saying how to run the test suite',
};

/** README names in order of preference when several sit at the root. */
const README_NAME = /^readme(?:\.(md|markdown|mdown|rst|txt|adoc))?$/i;
const README_EXTENSIONS = ["md", "markdown", "mdown", "rst", "txt", "adoc", ""];

const options = z.strictObject({
  /** The sections the README must have; the guide's template has all four. */
  requiredSections: z.array(z.enum(SECTION_IDS)).default([...SECTION_IDS]),
});

/** `[README]`: the root README and the sections the guide's template asks for. */
export const readme = defineAnalyzer({
  meta: {
    id: "readme",
    guideTags: ["README"],
    section: "documentation",
    description: "A README at the root of the repository with installation, configuration, usage and test sections.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of the required README sections present, in percent; 0 without a README.",
  },
  collect: () => null,
  combine({ root, repositoryFiles, options: { requiredSections } }) {
    const file = findReadme(repositoryFiles);
    const text = file === null ? null : readRepoFile(root, file);
    if (file === null || text === null) return withoutReadme(requiredSections);
    const present = sectionsIn(text, file.toLowerCase().endsWith(".rst") ? "rst" : "markdown");
    const findings = requiredSections.filter((id) => !present.has(id)).map((id) => missingSection(file, id));
    return {
      findings,
      metrics: { readme: 1, sections: requiredSections.filter((id) => present.has(id)).length },
      score: (active) => checklistScore(requiredSections.map((id) => ({ findings: findings.filter((finding) => finding.identity[1] === id) })), active),
    };
  },
});

/** No README: one finding, and every required section counts as missing while it is active. */
function withoutReadme(requiredSections: readonly SectionId[]): AnalyzerOutput {
  const missing: FindingDraft = {
    file: "README.md",
    line: 1,
    endLine: 1,
    message: "The repository has no README: add a README.md with installation, configuration, usage and test sections so newcomers can start.",
    identity: ["missing-readme"],
  };
  return { findings: [missing], metrics: { readme: 0, sections: 0 }, score: (active) => checklistScore(requiredSections.map(() => ({ findings: [missing] })), active) };
}

/** The root README, preferring Markdown when several formats sit side by side; null without one. */
function findReadme(repositoryFiles: readonly string[]): string | null {
  const candidates = repositoryFiles.filter((file) => !file.includes("/") && README_NAME.test(file));
  const rank = (file: string) => README_EXTENSIONS.indexOf((README_NAME.exec(file)?.[1] ?? "").toLowerCase());
  return candidates.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** Sections found by heading; a test command in code (as in the guide's template, under Usage) counts for tests. */
function sectionsIn(text: string, flavor: "markdown" | "rst"): Set<SectionId> {
  const found = new Set<SectionId>();
  for (const heading of headingsOf(text, flavor)) {
    const words = normalizeHeading(heading.text);
    const isTests = SECTION_HEADINGS.tests.test(words);
    for (const id of SECTION_IDS) {
      // "Running tests" is about tests, not about using the project.
      if (SECTION_HEADINGS[id].test(words) && !(id === "usage" && isTests)) found.add(id);
    }
  }
  if (codeOf(text).some(isTestCommandLine)) found.add("tests");
  return found;
}

/** Lines of fenced code blocks and inline code spans: where a README shows commands (prose naming "jest" is not one). */
function codeOf(text: string): string[] {
  const code: string[] = [];
  let isFenced = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s{0,3}(?:`{3,}|~{3,})/.test(line)) isFenced = !isFenced;
    else if (isFenced || /^(?: {4}|\t)/.test(line)) code.push(line);
    else code.push(...[...line.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ""));
  }
  return code;
}

function missingSection(file: string, id: SectionId): FindingDraft {
  return {
    file,
    line: 1,
    endLine: 1,
    message: `${file} has no ${id} section: ${SECTION_FIXES[id]}.`,
    identity: ["missing-section", id],
  };
}
