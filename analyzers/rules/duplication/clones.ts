import type { TokenStream } from "../../source/tokens";

export interface CloneSide {
  file: number;
  /** Index of the first token and number of tokens. */
  start: number;
  length: number;
}

export interface Clone {
  first: CloneSide;
  second: CloneSide;
}

const BASE = 0x01000193;

function power(base: number, exponent: number): number {
  let result = 1;
  for (let index = 0; index < exponent; index += 1) result = Math.imul(result, base);
  return result >>> 0;
}

function sameTokens(a: Uint32Array, i: number, b: Uint32Array, j: number, length: number): boolean {
  for (let offset = 0; offset < length; offset += 1) if (a[i + offset] !== b[j + offset]) return false;
  return true;
}

const STRIDE = 2 ** 26;

/**
 * Window hash → where it first appeared: an open-addressing table over typed arrays. A repository has millions of
 * windows, and a `Map` of that size costs several times the memory and time.
 */
class FirstSeenTable {
  private readonly keys: Uint32Array;
  private readonly values: Float64Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.values = new Float64Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
  }

  /** The position stored for `key`, or undefined after storing `value` for it. */
  getOrInsert(key: number, value: number): number | undefined {
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    while (this.used[slot] === 1) {
      if (this.keys[slot] === key) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
    this.used[slot] = 1;
    this.keys[slot] = key;
    this.values[slot] = value;
    return undefined;
  }
}

interface Search {
  streams: ReadonlyArray<Uint32Array | null>;
  minTokens: number;
  highPower: number;
  /** Window hash → where it first appeared, packed as file × STRIDE + token index. */
  firstSeen: FirstSeenTable;
  clones: Clone[];
}

/**
 * Finds repeated runs of at least `minTokens` tokens across all streams, each reported once as a pair with the
 * earliest occurrence. A rolling hash indexes every window; a hit is checked token by token (no hash collision becomes
 * a clone) and extended as far as both copies agree, and the scan then continues after the clone.
 */
export function findClones(streams: ReadonlyArray<Uint32Array | null>, minTokens: number): Clone[] {
  const windows = streams.reduce((sum, codes) => sum + Math.max(0, (codes?.length ?? 0) - minTokens + 1), 0);
  const search: Search = { streams, minTokens, highPower: power(BASE, minTokens - 1), firstSeen: new FirstSeenTable(windows), clones: [] };
  streams.forEach((codes, fileIndex) => {
    if (codes && codes.length >= minTokens) searchFile(search, codes, fileIndex);
  });
  return search.clones;
}

function searchFile(search: Search, codes: Uint32Array, fileIndex: number): void {
  const { minTokens, firstSeen } = search;
  let hash = windowHash(codes, minTokens);
  let coveredUntil = 0;
  for (let start = 0; start + minTokens <= codes.length; start += 1) {
    if (start > 0) hash = roll(hash, codes[start - 1] ?? 0, codes[start + minTokens - 1] ?? 0, search.highPower);
    const seen = firstSeen.getOrInsert(hash, fileIndex * STRIDE + start);
    if (seen === undefined || start < coveredUntil) continue;
    const clone = extend(search.streams, Math.floor(seen / STRIDE), seen % STRIDE, fileIndex, start, minTokens);
    if (!clone) continue;
    if (!isRepetition(codes, clone, minTokens)) search.clones.push(clone);
    coveredUntil = start + clone.second.length;
  }
}

/** Hash of the first window of the file; `roll` moves it along one token at a time from there. */
function windowHash(codes: Uint32Array, minTokens: number): number {
  let hash = 0;
  for (let index = 0; index < minTokens; index += 1) hash = (Math.imul(hash, BASE) + (codes[index] ?? 0)) >>> 0;
  return hash;
}

function roll(hash: number, removed: number, added: number, highPower: number): number {
  return (Math.imul((hash - Math.imul(removed, highPower)) >>> 0, BASE) + added) >>> 0;
}

/**
 * A run that is mostly one short statement repeated (`rows.push(…)` twenty times, a table written as code, a series of
 * similar assertions) matches any other such run, and itself shifted by one statement. It is repetition, not a copied
 * block: when a stretch repeating with a period of at most minTokens / 2 is itself at least minTokens long and what
 * remains of the clone outside it is shorter than minTokens (not a clone on its own), the clone is skipped.
 */
function isRepetition(codes: Uint32Array, { second }: Clone, minTokens: number): boolean {
  for (let period = 1; period <= Math.floor(minTokens / 2); period += 1) {
    const periodic = longestPeriodicStretch(codes, second.start, second.start + second.length, period);
    if (periodic >= minTokens && second.length - periodic < minTokens) return true;
  }
  return false;
}

/** Length of the longest stretch in [from, to) whose tokens repeat with the given period. */
function longestPeriodicStretch(codes: Uint32Array, from: number, to: number, period: number): number {
  let longest = 0;
  let run = 0;
  for (let index = from; index + period < to; index += 1) {
    run = codes[index] === codes[index + period] ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest === 0 ? 0 : longest + period;
}

function extend(streams: ReadonlyArray<Uint32Array | null>, fileA: number, i: number, fileB: number, j: number, minTokens: number): Clone | null {
  const a = streams[fileA];
  const b = streams[fileB];
  if (!a || !b) return null;
  const isSameFile = fileA === fileB;
  if (isSameFile && i + minTokens > j) return null;
  if (!sameTokens(a, i, b, j, minTokens)) return null;
  const length = matchLength(a, i, b, j, minTokens, isSameFile);
  return { first: { file: fileA, start: i, length }, second: { file: fileB, start: j, length } };
}

/** How far two matching runs go on; within one file the first copy stops where the second begins, so they never overlap. */
function matchLength(a: Uint32Array, i: number, b: Uint32Array, j: number, known: number, isSameFile: boolean): number {
  let length = known;
  while (i + length < a.length && j + length < b.length && a[i + length] === b[j + length] && !(isSameFile && i + length >= j)) length += 1;
  return length;
}

/** First and last source line of one side of a clone, for the finding; falls back to line 1 if the stream has no line for a token. */
export function lineSpan(stream: TokenStream, side: CloneSide): { line: number; endLine: number } {
  return { line: stream.lines[side.start] ?? 1, endLine: stream.lines[side.start + side.length - 1] ?? 1 };
}
