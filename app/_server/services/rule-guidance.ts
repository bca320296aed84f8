import { readFile } from "node:fs/promises";
import path from "node:path";
import { findAnalyzer } from "../../../analyzers";
import type { RuleGuidanceDto } from "../../_lib/dto";

/** Each analyzer's README, read once per process: it changes only with a new version of Heimdall. */
const guidanceByRule = new Map<string, Promise<RuleGuidanceDto | null>>();

/**
 * What the rule's README (`analyzers/rules/<id>/README.md`) says a reader of a finding needs: the guide's own words
 * (the "**Guide:**" paragraph), why the guide asks for it and how to fix a finding — as plain-text paragraphs, one per
 * list item, with Markdown emphasis and links reduced to their text (inline code stays in backticks for the UI to set
 * in a code font). Null for a rule no analyzer of this version knows, or a README that cannot be read; the path is
 * built from the registry's id, never from the caller's text.
 */
export function ruleGuidance(ruleId: string): Promise<RuleGuidanceDto | null> {
  const analyzer = findAnalyzer(ruleId);
  if (!analyzer) return Promise.resolve(null);
  const id = analyzer.meta.id;
  let guidance = guidanceByRule.get(id);
  if (!guidance) {
    guidance = readFile(path.join(process.cwd(), "analyzers", "rules", id, "README.md"), "utf8").then(parseGuidance, () => null);
    guidanceByRule.set(id, guidance);
  }
  return guidance;
}

/** The README's guide paragraph and its "Why…" and "How to fix a finding" sections. */
export function parseGuidance(markdown: string): RuleGuidanceDto {
  const sections = splitSections(markdown);
  const guide = (sections.get("") ?? []).find((paragraph) => paragraph.startsWith("Guide:"));
  const why = [...sections.entries()].find(([heading]) => heading.startsWith("why"))?.[1] ?? [];
  return { guide: guide ? guide.replace(/^Guide:\s*/, "") : null, why, howToFix: sections.get("how to fix a finding") ?? [] };
}

/** Paragraphs (list items apart) under each `## ` heading, keyed by the lower-cased heading; "" holds those before the first. */
function splitSections(markdown: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let heading = "";
  let lines: string[] = [];
  const close = () => sections.set(heading, [...(sections.get(heading) ?? []), ...paragraphs(lines)]);
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith("# ")) continue;
    if (line.startsWith("## ")) {
      close();
      heading = line.slice(3).trim().toLowerCase();
      lines = [];
    } else lines.push(line);
  }
  close();
  return sections;
}

const LIST_ITEM = /^\s*(?:[-*]|\d+\.)\s+/;

/** Blank lines and list items start a new paragraph; tables are left out (options belong in the rules catalogue). */
function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push(plainText(current.join(" ")));
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === "" || line.trimStart().startsWith("|")) flush();
    else if (LIST_ITEM.test(line)) {
      flush();
      current.push(line.replace(LIST_ITEM, ""));
    } else current.push(line.trim());
  }
  flush();
  return out.filter(Boolean);
}

/** Emphasis markers and link targets dropped outside inline code; inline code keeps its backticks. */
function plainText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/\*\*([^*]+)\*\*/g, "$1").replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?!\w)/g, "$1$2")))
    .join("")
    .trim();
}
