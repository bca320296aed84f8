import { readFile } from "node:fs/promises";
import path from "node:path";
import { ts } from "ts-morph";
import type { SourceFileEntry } from "./files";

export const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set([
  ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs",
]);

export interface ParsedFile {
  path: string;
  text: string;
  lineCount: number;
  /** Null when the file could not be parsed; `parseError` says why. */
  ast: ts.SourceFile | null;
  parseError?: string;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

/** 1-based line where a node starts (after its leading comments). */
export function lineOf(ast: ts.SourceFile, node: ts.Node): number {
  return ast.getLineAndCharacterOfPosition(node.getStart(ast)).line + 1;
}

/** Files with lines longer than this are generated or minified; parsing them tells nothing about design. */
const MAX_LINE_LENGTH = 5000;

/** Reads and parses one file once; every analyzer shares the resulting tree. */
export async function parseSourceFile(entry: SourceFileEntry): Promise<ParsedFile> {
  const text = await readFile(entry.absolutePath, "utf8");
  return parseSourceText(entry.path, text);
}

/**
 * Parses text already in memory (tests, cached content). Never throws: a minified file or one the parser cannot
 * handle comes back with `ast: null` and a `parseError`, so one bad file does not stop the scan.
 */
export function parseSourceText(filePath: string, text: string): ParsedFile {
  const lines = text.split("\n");
  const base = { path: filePath, text, lineCount: lines.length };
  if (lines.some((line) => line.length > MAX_LINE_LENGTH)) {
    return { ...base, ast: null, parseError: `a line is longer than ${MAX_LINE_LENGTH} characters (generated or minified)` };
  }
  const kind = SCRIPT_KINDS[path.extname(filePath).toLowerCase()] ?? ts.ScriptKind.TS;
  try {
    const ast = ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, true, kind);
    return { ...base, ast };
  } catch (error) {
    // Deeply nested input can exhaust the parser's stack; the scan goes on without this file.
    return { ...base, ast: null, parseError: error instanceof Error ? error.message : String(error) };
  }
}
