import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { roundScore } from "../../core/scoring";
import { dataShare, hashText, tokenize, type TokenStream } from "../../source/tokens";
import { findClones, lineSpan, type Clone } from "./clones";

const options = z.strictObject({
  /** Shortest run of tokens that counts as a clone (jscpd's default). */
  minTokens: z.number().int().min(10).default(50),
  /** Shortest clone, in lines, on both sides. */
  minLines: z.number().int().min(1).default(5),
  /**
   * `exact` finds verbatim copies (as jscpd and SonarQube do, so scores compare); `renamed` also finds copies whose
   * identifiers and literals differ (docs/adr/0006-duplication-modes.md).
   */
  mode: z.enum(["renamed", "exact"]).default("exact"),
  /** Count comments as tokens, as jscpd's default `mild` mode does; copied comments then lengthen clones. */
  includeComments: z.boolean().default(false),
});

/** In `renamed` mode, runs that are mostly literals and array/object punctuation are tables of data, not copied logic. */
const MAX_DATA_SHARE_WHEN_RENAMED = 0.6;

/** Duplicated-lines percentage → score, through SonarQube's duplication rating bands (A ≤ 3 %, B ≤ 5 %, C ≤ 10 %, D ≤ 20 %). */
const SCORE_POINTS: ReadonlyArray<readonly [percent: number, score: number]> = [
  [0, 100],
  [3, 90],
  [5, 80],
  [10, 70],
  [20, 50],
  [50, 0],
];

/** Interpolates linearly between the points above, so a small change in duplication never jumps a whole band; 0 beyond 50 %. */
export function duplicationScore(percent: number): number {
  for (let index = 1; index < SCORE_POINTS.length; index += 1) {
    const [x1, y1] = SCORE_POINTS[index] ?? [0, 0];
    const [x0, y0] = SCORE_POINTS[index - 1] ?? [0, 0];
    if (percent <= x1) return roundScore(y0 + ((percent - x0) * (y1 - y0)) / (x1 - x0));
  }
  return 0;
}

export interface Located {
  file: string;
  line: number;
  endLine: number;
}

export const duplication = defineAnalyzer({
  meta: {
    id: "duplication",
    guideTags: ["DRY"],
    section: "core-principles",
    description: "Repeated code: runs of 50+ tokens that appear twice (with mode `renamed`, also when identifiers and literals were renamed).",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring:
      "From the duplicated-lines percentage: 0 % → 100, 3 % → 90, 5 % → 80, 10 % → 70, 20 % → 50, 50 % or more → 0, linear in between; not applicable without code.",
  },
  collect: (file, { mode, includeComments }) => encodeStream(tokenize(file, { withComments: includeComments, skipImports: mode === "renamed" })),
  combine({ files, options: { minTokens, minLines, mode } }) {
    const streams = files.map((file) => decodeStream(file.facts));
    const codes = streams.map((stream) => (stream ? (mode === "exact" ? stream.exact : stream.normalized) : null));
    const located = locatedClones(files, streams, codes, { minTokens, minLines, mode });
    const entries = located.map((entry) => ({ ...entry, finding: toFinding(entry.clone, entry.first, entry.second, streams, codes) }));
    const totalLines = files.reduce((sum, file, index) => sum + (streams[index] ? file.lineCount : 0), 0);
    return {
      findings: entries.map((entry) => entry.finding),
      metrics: cloneMetrics(entries, totalLines),
      score: (active) => {
        if (totalLines === 0) return null;
        const kept = new Set(active);
        return duplicationScore(duplicatedPercent(entries.filter((entry) => kept.has(entry.finding)), totalLines));
      },
    };
  },
});

interface LocatedPair {
  first: Located;
  second: Located;
}

/** Lines in any copy, the first included, each counted once (SonarQube's definition): drives the score. */
function duplicatedPercent(pairs: readonly LocatedPair[], totalLines: number): number {
  return (100 * countDuplicatedLines(pairs.flatMap(({ first, second }) => [first, second]))) / totalLines;
}

/** Both duplication percentages, 0 when there is no code; only `duplicatedLinesPercent` drives the score. */
function cloneMetrics(pairs: readonly LocatedPair[], totalLines: number): Record<string, number> {
  return {
    clones: pairs.length,
    totalLines,
    duplicatedLinesPercent: totalLines ? roundScore(duplicatedPercent(pairs, totalLines)) : 0,
    /** Lines of every later copy, summed (jscpd's definition), for comparison with jscpd. */
    copiedLinesPercent: totalLines ? roundScore((100 * pairs.reduce((sum, { second }) => sum + second.endLine - second.line + 1, 0)) / totalLines) : 0,
  };
}

/**
 * Clones long enough in both tokens and lines, with the file and lines of each copy. In `renamed` mode, runs that are
 * mostly data are dropped: renamed literals make any two tables of the same shape look alike.
 */
function locatedClones(
  files: ReadonlyArray<{ path: string }>,
  streams: ReadonlyArray<TokenStream | null>,
  codes: ReadonlyArray<Uint32Array | null>,
  { minTokens, minLines, mode }: Pick<z.infer<typeof options>, "minTokens" | "minLines" | "mode">,
): Array<LocatedPair & { clone: Clone }> {
  const locate = (side: Clone["first"]): Located => ({ file: files[side.file]?.path ?? "", ...lineSpan(streams[side.file] as TokenStream, side) });
  return findClones(codes, minTokens)
    .filter((clone) => mode === "exact" || dataShare(sideCodes(streams, clone.second)) <= MAX_DATA_SHARE_WHEN_RENAMED)
    .map((clone) => ({ clone, first: locate(clone.first), second: locate(clone.second) }))
    .filter(({ first, second }) => [first, second].every((span) => span.endLine - span.line + 1 >= minLines));
}

/** Token streams as base64 of their typed arrays: compact in the per-file cache and quick to restore. */
interface EncodedStream {
  exact: string;
  normalized: string;
  lines: string;
}

const encode = (values: Uint32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
const decode = (text: string) => {
  const bytes = Buffer.from(text, "base64");
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

function encodeStream(stream: TokenStream | null): EncodedStream | null {
  return stream ? { exact: encode(stream.exact), normalized: encode(stream.normalized), lines: encode(stream.lines) } : null;
}

function decodeStream(encoded: EncodedStream | null): TokenStream | null {
  return encoded ? { exact: decode(encoded.exact), normalized: decode(encoded.normalized), lines: decode(encoded.lines) } : null;
}

function toFinding(clone: Clone, first: Located, second: Located, streams: ReadonlyArray<TokenStream | null>, codes: ReadonlyArray<Uint32Array | null>): FindingDraft {
  const exact = streams[clone.first.file]?.exact;
  const exactSecond = streams[clone.second.file]?.exact;
  const verbatim = !!exact && !!exactSecond && exact.subarray(clone.first.start, clone.first.start + clone.first.length).every((value, index) => value === exactSecond[clone.second.start + index]);
  const tokens = codes[clone.second.file]?.subarray(clone.second.start, clone.second.start + clone.second.length) ?? new Uint32Array();
  return {
    file: second.file,
    line: second.line,
    endLine: second.endLine,
    message: `Lines ${second.line}–${second.endLine} repeat ${first.file}:${first.line}–${first.endLine} (${clone.second.length} tokens${verbatim ? "" : ", with renamed identifiers or literals"}). Extract the shared logic into one function.`,
    identity: [first.file, hashText(Array.from(tokens).join(",")).toString(16)],
  };
}

function sideCodes(streams: ReadonlyArray<TokenStream | null>, side: Clone["second"]): Uint32Array {
  return streams[side.file]?.normalized.subarray(side.start, side.start + side.length) ?? new Uint32Array();
}

/** Lines covered by at least one side of a clone, each counted once. */
export function countDuplicatedLines(spans: readonly Located[]): number {
  const covered = new Map<string, Set<number>>();
  for (const span of spans) {
    const lines = covered.get(span.file) ?? new Set<number>();
    for (let line = span.line; line <= span.endLine; line += 1) lines.add(line);
    covered.set(span.file, lines);
  }
  let count = 0;
  for (const lines of covered.values()) count += lines.size;
  return count;
}
