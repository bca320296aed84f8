import { createHash } from "node:crypto";

export const SEVERITIES = ["info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One violation of a guide rule at one place in a repository. */
export interface Finding {
  ruleId: string;
  /** Guide tags exactly as the guide writes them, without brackets, e.g. `["UNIT"]`. */
  guideTags: string[];
  severity: Severity;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  endLine: number;
  message: string;
  /** Stable across unrelated edits, so snapshots can tell new findings from fixed ones. */
  fingerprint: string;
  /** Short excerpt of the offending code; secrets are redacted before they get here. */
  snippet?: string;
  /**
   * Set when an inline `heimdall-ignore` comment (its line) or a rule's `exclude` glob in the configuration (line null)
   * covers the finding: kept and counted, left out of the score.
   */
  suppressed?: { kind: "inline" | "config"; reason: string; line: number | null };
}

/** What an analyzer reports; the engine adds rule id, tags, severity and fingerprint. */
export interface FindingDraft {
  file: string;
  line: number;
  endLine: number;
  message: string;
  /** Parts that identify the finding without line numbers (e.g. the function's name). */
  identity: string[];
  snippet?: string;
}

/** Identity of a finding without line numbers, so snapshots match it across edits that only move it; 24 hex characters. */
export function fingerprintOf(ruleId: string, file: string, identity: readonly string[]): string {
  return createHash("sha256").update([ruleId, file, ...identity].join("\u0000")).digest("hex").slice(0, 24);
}
