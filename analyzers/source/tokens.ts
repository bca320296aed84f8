import { ts } from "ts-morph";
import type { ParsedFile } from "./parse";

/** A file as a sequence of tokens (comments and whitespace dropped), in two spellings, with the line of each token. */
export interface TokenStream {
  /** Hash of each token's exact text. */
  exact: Uint32Array;
  /** Identifiers and literals collapsed to one code each, so renamed copies compare equal. */
  normalized: Uint32Array;
  /** 1-based line of each token. */
  lines: Uint32Array;
}

const IDENTIFIER_CODE = 1;
const LITERAL_CODE = 2;
const KIND_OFFSET = 16;

const LITERAL_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** FNV-1a, 32 bit: a fast, well-spread hash for short strings. */
export function hashText(text: string, start = 0, end = text.length): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const DATA_PUNCTUATION = new Set<number>(
  [ts.SyntaxKind.CommaToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.OpenBraceToken, ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.ColonToken].map(
    (kind) => kind + KIND_OFFSET,
  ),
);

const TRIVIA = new Set<ts.SyntaxKind>([ts.SyntaxKind.WhitespaceTrivia, ts.SyntaxKind.NewLineTrivia, ts.SyntaxKind.ShebangTrivia, ts.SyntaxKind.ConflictMarkerTrivia]);

/** Tokens after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.PrivateIdentifier, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.SuperKeyword, ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken,
]);

/**
 * The scanner alone cannot tell `}` closing a block from `}` resuming a template literal, nor a division from a
 * regular expression; the parser normally tells it. This keeps the little context needed for both, so that code after
 * a template or a regular expression is tokenized as code.
 */
class ScanContext {
  /** For each open template substitution, how many braces are open inside it. */
  private readonly templates: number[] = [];
  private previous = ts.SyntaxKind.Unknown;

  constructor(private readonly scanner: ts.Scanner) {}

  next(): ts.SyntaxKind {
    const kind = this.inContext(this.scanner.scan());
    if (!TRIVIA.has(kind) && kind !== ts.SyntaxKind.SingleLineCommentTrivia && kind !== ts.SyntaxKind.MultiLineCommentTrivia) this.previous = kind;
    return kind;
  }

  /** Counts braces inside template substitutions, and rescans the tokens the scanner alone reads wrongly. */
  private inContext(kind: ts.SyntaxKind): ts.SyntaxKind {
    const depth = this.templates.length - 1;
    if (kind === ts.SyntaxKind.TemplateHead) this.templates.push(0);
    else if (kind === ts.SyntaxKind.OpenBraceToken && depth >= 0) this.templates[depth] = (this.templates[depth] ?? 0) + 1;
    else if (kind === ts.SyntaxKind.CloseBraceToken && depth >= 0) return this.closeBrace(depth);
    else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(this.previous)) {
      return this.scanner.reScanSlashToken();
    }
    return kind;
  }

  /** A `}` with no brace open in the current substitution ends it: rescanned, it is the template's next part. */
  private closeBrace(depth: number): ts.SyntaxKind {
    if (this.templates[depth] !== 0) {
      this.templates[depth] = (this.templates[depth] ?? 1) - 1;
      return ts.SyntaxKind.CloseBraceToken;
    }
    const kind = this.scanner.reScanTemplateToken(false);
    if (kind === ts.SyntaxKind.TemplateTail) this.templates.pop();
    return kind;
  }
}

function importRanges(ast: ts.SourceFile): Array<[number, number]> {
  return ast.statements
    .filter((statement) => ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || (ts.isExportDeclaration(statement) && !!statement.moduleSpecifier))
    .map((statement) => [statement.getStart(ast), statement.getEnd()]);
}

const COLON_CODE = ts.SyntaxKind.ColonToken + KIND_OFFSET;

/** Share of tokens (normalized codes) that are literals or the punctuation of arrays and objects: how much a run is data. */
export function dataShare(codes: Uint32Array): number {
  if (codes.length === 0) return 0;
  let data = 0;
  codes.forEach((code, index) => {
    // Literals, array/object punctuation, and property names (an identifier followed by a colon).
    const isKey = code === IDENTIFIER_CODE && codes[index + 1] === COLON_CODE;
    if (code === LITERAL_CODE || DATA_PUNCTUATION.has(code) || isKey) data += 1;
  });
  return data / codes.length;
}

function normalizedCode(kind: ts.SyntaxKind): number {
  if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) return IDENTIFIER_CODE;
  if (LITERAL_KINDS.has(kind)) return LITERAL_CODE;
  return kind + KIND_OFFSET;
}

/** How `tokenize` treats comments and imports; the defaults suit the duplication rule's `strict` mode. */
export interface TokenizeOptions {
  /** Keep comments as tokens (jscpd's default `mild` mode does). */
  withComments?: boolean;
  /** Leave out import declarations: lists of imported names say nothing about copied logic. */
  skipImports?: boolean;
}

/** Source ranges to leave out, in file order; tokens arrive in order too, so one forward cursor answers every lookup. */
class SkippedRanges {
  private index = 0;

  constructor(private readonly ranges: ReadonlyArray<readonly [number, number]>) {}

  covers(position: number): boolean {
    while (this.index < this.ranges.length && (this.ranges[this.index]?.[1] ?? 0) <= position) this.index += 1;
    const range = this.ranges[this.index];
    return range !== undefined && position >= range[0] && position < range[1];
  }
}

/** 1-based line of a position, for positions that only move forward: linear over the whole file, not per token. */
class LineCursor {
  private line = 0;

  constructor(private readonly lineStarts: readonly number[]) {}

  lineAt(position: number): number {
    while (this.line + 1 < this.lineStarts.length && (this.lineStarts[this.line + 1] ?? Infinity) <= position) this.line += 1;
    return this.line + 1;
  }
}

/**
 * Scans a parsed file's text into tokens. The scanner runs without the parser's context, so template literals,
 * regular expressions and JSX text come out as approximate tokens — the same for every copy of the same code, which
 * is all clone detection needs. Null when the file did not parse.
 */
export function tokenize(file: ParsedFile, { withComments = false, skipImports = false }: TokenizeOptions = {}): TokenStream | null {
  if (!file.ast) return null;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, !withComments, file.ast.languageVariant, file.text);
  const skipped = new SkippedRanges(skipImports ? importRanges(file.ast) : []);
  const lineCursor = new LineCursor(file.ast.getLineStarts());
  const exact: number[] = [];
  const normalized: number[] = [];
  const lines: number[] = [];
  const context = new ScanContext(scanner);
  for (let kind = context.next(); kind !== ts.SyntaxKind.EndOfFileToken; kind = context.next()) {
    if (withComments && TRIVIA.has(kind)) continue;
    const start = scanner.getTokenStart();
    if (skipped.covers(start)) continue;
    // Hash the token in place: no substring per token (a large repository has millions).
    exact.push(hashText(file.text, start, scanner.getTokenEnd()));
    normalized.push(normalizedCode(kind));
    lines.push(lineCursor.lineAt(start));
  }
  return { exact: Uint32Array.from(exact), normalized: Uint32Array.from(normalized), lines: Uint32Array.from(lines) };
}
