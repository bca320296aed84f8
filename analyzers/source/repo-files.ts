import { closeSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import type { FindingDraft } from "../core/finding";
import { complianceRatioScore } from "../core/scoring";
import { isBinaryContent } from "./files";

// Helpers for the rules that judge a repository's non-script files (README, CHANGELOG, CI workflows, Dockerfiles,
// .env files): the engine hands `combine` every path of the checkout (`repositoryFiles`); these rules read the files
// they need from the checkout, safely and briefly.

/** Bytes read from one repository file at most: enough for a README, a changelog's recent releases or a workflow. */
export const MAX_REPO_FILE_BYTES = 256 * 1024;

/** Whether a path is a regular file, checked with lstat so a symbolic link is never followed. */
export function isPlainFile(absolute: string): boolean {
  try {
    return lstatSync(absolute).isFile();
  } catch {
    return false; // no such file
  }
}

/**
 * The start of one file as UTF-8 (at most `maxBytes`), or null when it is absent, a symlink, not a regular file,
 * binary, outside the checkout or unreadable: callers treat all of these as "no such file".
 */
export function readRepoFile(root: string, relative: string, maxBytes = MAX_REPO_FILE_BYTES): string | null {
  const absolute = insideRoot(root, relative);
  if (absolute === null || !isPlainFile(absolute)) return null;
  try {
    const descriptor = openSync(absolute, "r");
    try {
      const buffer = Buffer.alloc(maxBytes);
      const bytes = buffer.subarray(0, readSync(descriptor, buffer, 0, maxBytes, 0));
      return isBinaryContent(bytes) ? null : bytes.toString("utf8");
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return null;
  }
}

function insideRoot(root: string, relative: string): string | null {
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(path.resolve(root) + path.sep)) return null;
  // A link in a folder above the file leads out of the checkout too (git's index still lists `.github/workflows/ci.yml`
  // after `.github` became a link; hostile-repos test): the file's real path must be the path itself.
  try {
    return realpathSync(absolute) === path.join(realpathSync(root), path.relative(path.resolve(root), absolute)) ? absolute : null;
  } catch {
    return null; // no such file
  }
}

/** The root `package.json`: its parsed object and text (for line numbers), or null when absent or not a JSON object. */
export interface PackageJson {
  data: Record<string, unknown>;
  text: string;
}

/** Reads and parses the root `package.json`; malformed JSON counts as absent. */
export function readPackageJson(root: string): PackageJson | null {
  const text = readRepoFile(root, "package.json");
  if (text === null) return null;
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === "object" && data !== null && !Array.isArray(data) ? { data: data as Record<string, unknown>, text } : null;
  } catch {
    return null;
  }
}

/** 1-based line of the first `"key":` in a JSON text at or after line `from`, or 1 when there is none. */
export function lineOfJsonKey(text: string, key: string, from = 1): number {
  const lines = text.split("\n");
  const pattern = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*:`);
  const index = lines.findIndex((line, at) => at >= from - 1 && pattern.test(line));
  return index === -1 ? 1 : index + 1;
}

/** The `scripts` of a package.json, as strings only. */
export function packageScripts(pkg: PackageJson | null): Record<string, string> {
  const scripts = pkg?.data.scripts;
  if (typeof scripts !== "object" || scripts === null) return {};
  return Object.fromEntries(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export interface Heading {
  /** 1–6 for Markdown; for reStructuredText, 1 for the first underline style met, 2 for the second, and so on. */
  level: number;
  /** The heading's text as written (links and emphasis kept). */
  text: string;
  line: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>(.*?)<\/h\1>/i;
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)\s*$/;
const RST_UNDERLINE = /^([=\-~^"'`#*+:.])\1{2,}\s*$/;
const LIST_OR_QUOTE = /^\s*(?:[-*+>]|\d+[.)])\s/;

/**
 * Headings of a Markdown file (ATX `#`, setext underlines, `<h1>`–`<h6>` lines) or, with `rst`, of a reStructuredText
 * file (underlined titles). Fenced code blocks and YAML front matter are skipped, so `# comments` in a shell example
 * are not headings.
 */
export function headingsOf(text: string, flavor: "markdown" | "rst" = "markdown"): Heading[] {
  const lines = text.split(/\r?\n/);
  const headings: Heading[] = [];
  const rstLevels: string[] = [];
  let fence: string | null = null;
  for (let index = frontMatterEnd(lines); index < lines.length; index += 1) {
    const next = fenceAfter(lines[index] ?? "", fence);
    if (next !== undefined) fence = next;
    else if (fence === null) {
      const heading = flavor === "rst" ? rstHeading(lines, index, rstLevels) : markdownHeading(lines, index);
      if (heading) headings.push(heading);
    }
  }
  return headings;
}

/** The open fence after a line that opens or closes one (null when closed), or undefined when the line is no fence. */
function fenceAfter(line: string, open: string | null): string | null | undefined {
  const marker = FENCE.exec(line)?.[1];
  if (!marker) return undefined;
  if (open === null) return marker;
  return marker.startsWith(open) ? null : undefined;
}

/** Index of the first line after a `---` … `---` front matter block, or 0 without one. */
function frontMatterEnd(lines: readonly string[]): number {
  if (lines[0]?.trim() !== "---") return 0;
  const close = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  return close === -1 ? 0 : close + 1;
}

function markdownHeading(lines: readonly string[], index: number): Heading | null {
  const line = lines[index] ?? "";
  return atxHeading(line, index) ?? htmlHeading(line, index) ?? setextHeading(lines, index);
}

function atxHeading(line: string, index: number): Heading | null {
  const [, marks, text] = ATX_HEADING.exec(line) ?? [];
  return marks && text ? { level: marks.length, text: text.trim(), line: index + 1 } : null;
}

function htmlHeading(line: string, index: number): Heading | null {
  const [, level, text] = HTML_HEADING.exec(line) ?? [];
  return level && text !== undefined ? { level: Number(level), text: text.replace(/<[^>]*>/g, "").trim(), line: index + 1 } : null;
}

/** A paragraph's single line underlined with `===` (level 1) or `---` (level 2). */
function setextHeading(lines: readonly string[], index: number): Heading | null {
  const line = lines[index] ?? "";
  const underline = SETEXT_UNDERLINE.exec(lines[index + 1] ?? "")?.[1];
  if (!underline || !isParagraphLine(line)) return null;
  const isParagraphStart = index === 0 || (lines[index - 1] ?? "").trim() === "";
  return isParagraphStart ? { level: underline.startsWith("=") ? 1 : 2, text: line.trim(), line: index + 1 } : null;
}

function isParagraphLine(line: string): boolean {
  return line.trim() !== "" && !LIST_OR_QUOTE.test(line) && !ATX_HEADING.test(line) && !SETEXT_UNDERLINE.test(line);
}

function rstHeading(lines: readonly string[], index: number, levels: string[]): Heading | null {
  const line = lines[index] ?? "";
  const underline = RST_UNDERLINE.exec(lines[index + 1] ?? "")?.[1];
  if (!underline || line.trim() === "" || RST_UNDERLINE.test(line) || (lines[index + 1] ?? "").trim().length < line.trim().length) return null;
  if (!levels.includes(underline)) levels.push(underline);
  return { level: levels.indexOf(underline) + 1, text: line.trim(), line: index + 1 };
}

/** Heading text reduced to lower-case words: emoji, numbering, links, emphasis and punctuation dropped. */
export function normalizeHeading(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/^(?:\d+ )+/, "")
    .trim();
}

/** A comment line of YAML, shell, Groovy or a Dockerfile: text on it runs nothing. */
export function isCommentLine(line: string): boolean {
  return /^\s*(?:#|\/\/|\/\*|\*(?:\s|\/|$))/.test(line);
}

const PACKAGE_MANAGER_TEST = /\b(?:npm|pnpm|yarn|bun)(?:\s+(?:-[-\w=.@/]*(?:\s+[^\s-]\S*)?|run|run-script|exec|recursive|workspace\s+\S+|workspaces\s+foreach))*?\s+(?:run\s+|run-script\s+)?(?:test|t|cit|install-test)(?:[:_-][\w:.-]*)?(?=$|[\s;&|"'`)])/;
const RUNNER_TEST = /(?:^|[\s/;&|"'`(=])(?:vitest|jest|mocha|ava|jasmine|karma\s+start|playwright\s+test|cypress\s+run|node\s+--test|deno\s+test|bun\s+test|pytest|py\.test|tox|nox|go\s+test|cargo\s+(?:test|nextest)|dotnet\s+test|phpunit|rspec|ctest|stryker\s+run|make\s+(?:test|check)|mvnw?\s+(?:\S+\s+)*?(?:test|verify|install)|gradlew?\s+(?:\S+\s+)*?(?:test|check|build)|turbo\s+(?:run\s+)?test|nx\s+(?:run-many|affected)?\s*(?:-t\s+|--target[= ])?test|lerna\s+run\s+test)(?=$|[\s;&|"'`)])/;

/**
 * True when a command line runs a test suite: a package manager's `test` script (`npm test`, `pnpm run test:ci`,
 * `yarn workspace x test`) or a test runner (`vitest`, `jest`, `mocha`, `pytest`, `go test`, `mvn verify`, `make test`…).
 */
export function isTestCommandLine(line: string): boolean {
  return PACKAGE_MANAGER_TEST.test(line) || RUNNER_TEST.test(line);
}

/** Package scripts a command line runs (`npm run ci`, `pnpm ci`, `yarn verify`), to look one level into them. */
export function scriptsRunBy(line: string, scripts: Readonly<Record<string, string>>): string[] {
  const names = [...line.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+|run-script\s+)?([\w:.-]+)/g)].map((match) => match[1] ?? "");
  return names.filter((name) => Object.hasOwn(scripts, name));
}

/** One requirement of a checklist score, failed while any of its findings is active. */
export interface Check {
  findings: readonly FindingDraft[];
}

/** Share of passed checks in percent (a check passes when none of its findings is active); null without checks. */
export function checklistScore(checks: readonly Check[], active: readonly FindingDraft[]): number | null {
  const kept = new Set(active);
  return complianceRatioScore(checks.filter((check) => !check.findings.some((finding) => kept.has(finding))).length, checks.length);
}
