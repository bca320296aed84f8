import type { ts } from "ts-morph";

/**
 * Where a pattern occurs in a text, ascending. With `startsWithin`, a walk can skip every subtree that cannot hold what
 * it looks for (no `await` in the text, no await expression) — most of a file — at the cost of a binary search.
 */
export function offsetsOf(pattern: RegExp, text: string): number[] {
  return [...text.matchAll(pattern)].map((match) => match.index);
}

/** Whether one of the offsets falls inside the node's text, leading trivia included. */
export function startsWithin(offsets: readonly number[], node: ts.Node): boolean {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle] ?? Infinity) < node.pos) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && (offsets[low] ?? Infinity) < node.end;
}
