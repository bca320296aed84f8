import type { ParsedFile } from "../source/parse";

/** An inline `// heimdall-ignore <rule> -- <reason>` comment. */
export interface Suppression {
  ruleId: string;
  reason: string;
  file: string;
  /** Line of the comment. */
  line: number;
  /** Line whose findings it suppresses: its own line after code, otherwise the next line holding code. */
  targetLine: number;
}

/** A suppression comment that does not count, with why, so that it is reported instead of silently ignored. */
export interface InvalidSuppression {
  file: string;
  line: number;
  problem: string;
}

const DIRECTIVE = /(?:\/\/|\/\*|\*)\s*heimdall-ignore\b(.*)$/;
const WELL_FORMED = /^\s+([a-z0-9-]+)\s+--\s+(\S.*?)\s*(?:\*\/\s*)?$/;

/**
 * Reads the `heimdall-ignore` comments of one file. Malformed ones (no rule id or no reason) come back in `invalid`
 * rather than being dropped, so a typo cannot silently hide or un-hide findings.
 */
export function findSuppressions(file: Pick<ParsedFile, "path" | "text">): { suppressions: Suppression[]; invalid: InvalidSuppression[] } {
  const suppressions: Suppression[] = [];
  const invalid: InvalidSuppression[] = [];
  const lines = file.text.split("\n");
  lines.forEach((text, index) => {
    const directive = DIRECTIVE.exec(text);
    if (!directive) return;
    const line = index + 1;
    const parsed = WELL_FORMED.exec(directive[1] ?? "");
    if (!parsed?.[1] || !parsed[2]) {
      invalid.push({ file: file.path, line, problem: "expected `heimdall-ignore <rule> -- <reason>`: a rule id and a reason are both required" });
      return;
    }
    const codeBefore = text.slice(0, directive.index).trim() !== "";
    suppressions.push({ ruleId: parsed[1], reason: parsed[2], file: file.path, line, targetLine: codeBefore ? line : nextCodeLine(lines, index + 1) });
  });
  return { suppressions, invalid };
}

function nextCodeLine(lines: readonly string[], from: number): number {
  for (let index = from; index < lines.length; index += 1) {
    const trimmed = (lines[index] ?? "").trim();
    if (trimmed !== "" && !trimmed.startsWith("//") && !trimmed.startsWith("*") && !trimmed.startsWith("/*")) return index + 1;
  }
  return from + 1;
}
