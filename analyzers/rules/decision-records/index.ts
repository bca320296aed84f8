import path from "node:path";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { headingsOf, normalizeHeading, readRepoFile } from "../../source/repo-files";
import { isTestFile } from "../../source/roles";

/** Where adr-tools, log4brains, MADR and most teams keep their records (at the root or in a package of a monorepo). */
const DEFAULT_FOLDERS = [
  "docs/adr", "docs/adrs", "doc/adr", "doc/adrs", "adr", "adrs", "docs/decisions", "doc/decisions",
  "architecture/decisions", "docs/architecture/decisions", "doc/architecture/decisions", "docs/architecture/adr",
];
/** A numbered Markdown file: `0001-use-postgres.md`, `ADR-001-x.md`, `adr_12.md`. */
const RECORD_NAME = /^(?:adr[-_ ]?)?\d+[-_ .].*\.(?:md|markdown)$/i;

const PART_IDS = ["Status", "Context", "Decision", "Consequences"] as const;
type PartId = (typeof PART_IDS)[number];

/** Words that name each part of the guide's template, matched on lower-cased headings and `Label:` lines. */
const PART_WORDS: Record<PartId, RegExp> = {
  Status: /^(?:status|state)\b/,
  Context: /\b(?:context|problem|background|motivation)\b/,
  Decision: /\b(?:decision|decisions|decision outcome|outcome|resolution|chosen option|proposal)\b/,
  Consequences: /\b(?:consequences?|implications?|impacts?|trade ?offs?)\b/,
};
/** "Decision drivers" (MADR) are the forces behind a decision, not the decision. */
const NOT_A_DECISION = /\bdecision drivers?\b/;
/** `- Status: accepted`, `**Status:** accepted`, `status: accepted` in front matter. */
const LABEL_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z ]{1,40}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)?\s*:)/;
/** A paragraph that is only bold text, used as a heading: `**Context**`. */
const BOLD_LINE = /^\s*(?:\*\*|__)([^*_]{2,60})(?:\*\*|__)\s*:?\s*$/;

const options = z.strictObject({
  /** Folders (relative, at any depth) whose numbered Markdown files are decision records. */
  folders: z.array(z.string().min(1)).default(DEFAULT_FOLDERS),
});

/** `[ADR]`: architecture decision records and the parts of the guide's template. */
export const decisionRecords = defineAnalyzer({
  meta: {
    id: "decision-records",
    guideTags: ["ADR"],
    section: "documentation",
    description: "Architecture decision records (numbered Markdown files in docs/adr or similar) with Status, Context, Decision and Consequences.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of decision records with Status, Context, Decision and Consequences, in percent; 0 without any record.",
  },
  collect: () => null,
  combine({ root, repositoryFiles, options: { folders } }) {
    const records = findRecords(repositoryFiles, folders);
    if (records.length === 0) {
      const missing: FindingDraft = {
        file: folders[0] ?? "docs/adr",
        line: 1,
        endLine: 1,
        message: `The repository has no architecture decision records: write each significant decision as a numbered file in ${folders[0] ?? "docs/adr"}/ (e.g. 0001-use-postgresql.md) with Status, Context, Decision and Consequences.`,
        identity: ["no-records"],
      };
      return { findings: [missing], metrics: { records: 0, incompleteRecords: 0 }, score: (active) => (active.includes(missing) ? 0 : 100) };
    }
    const findings = records.flatMap((file) => incompleteRecord(file, missingParts(readRepoFile(root, file) ?? "")));
    return {
      findings,
      metrics: { records: records.length, incompleteRecords: findings.length },
      score: (active) => complianceRatioScore(records.length - findings.filter((finding) => active.includes(finding)).length, records.length),
    };
  },
});

function findRecords(repositoryFiles: readonly string[], folders: readonly string[]): string[] {
  const normalized = folders.map((folder) => folder.replace(/^\/+|\/+$/g, "").toLowerCase());
  return repositoryFiles.filter((file) => {
    const folder = path.posix.dirname(file).toLowerCase();
    const isInFolder = normalized.some((wanted) => folder === wanted || folder.endsWith(`/${wanted}`));
    return isInFolder && RECORD_NAME.test(path.posix.basename(file)) && !isTestFile(file);
  });
}

/**
 * The template's parts a record lacks, judged on its headings, bold-only lines and `Label:` lines; the title is left
 * out, since "Record architecture decisions" names no section.
 */
function missingParts(text: string): PartId[] {
  const headings = headingsOf(text);
  const sections = headings[0]?.level === 1 ? headings.slice(1) : headings;
  const labels = [
    ...sections.map((heading) => heading.text),
    ...text.split(/\r?\n/).flatMap((line) => [LABEL_LINE.exec(line)?.[1], BOLD_LINE.exec(line)?.[1]]),
  ].flatMap((label) => (label ? [normalizeHeading(label)] : []));
  return PART_IDS.filter((part) => !labels.some((label) => PART_WORDS[part].test(label) && !(part === "Decision" && NOT_A_DECISION.test(label))));
}

function incompleteRecord(file: string, missing: readonly PartId[]): FindingDraft[] {
  if (missing.length === 0) return [];
  const headings = missing.map((part) => `"## ${part}"`).join(", ");
  return [{
    file,
    line: 1,
    endLine: 1,
    message: `Decision record ${path.posix.basename(file)} has no ${missing.join(", ")} section: add ${headings} so it follows the guide's template (Status, Context, Decision, Consequences).`,
    identity: ["incomplete-record"],
  }];
}
