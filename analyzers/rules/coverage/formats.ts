/** Small parsers for the coverage report formats test runners write: LCOV, Cobertura XML and Istanbul JSON. */

export type ReportFormat = "lcov" | "cobertura" | "istanbul" | "istanbul-summary";

/** One source file as a coverage report describes it. */
export interface FileRecord {
  /** Candidate names of the file, best first (Cobertura joins each `<source>` with the class's filename). */
  names: string[];
  /** Line number → hit count, when the report has per-line data. */
  lineHits?: Map<number, number>;
  /** Covered and measurable lines, when the report only has totals (coverage-summary.json, LCOV `LF`/`LH`). */
  totals?: { covered: number; total: number };
}

/** A report that cannot be read as its format; the scan skips it and says why. */
export class MalformedReportError extends Error {}

/** Reads a report as its detected format; throws MalformedReportError, never returns a partial result for a bad file. */
export function parseReport(format: ReportFormat, text: string): FileRecord[] {
  switch (format) {
    case "lcov":
      return parseLcov(text);
    case "cobertura":
      return parseCobertura(text);
    case "istanbul":
      return parseIstanbulFinal(text);
    case "istanbul-summary":
      return parseIstanbulSummary(text);
  }
}

/** Line hits keep the highest count: method and class entries, or two reports of one run, describe the same line. */
function addHit(hits: Map<number, number>, line: number, count: number): void {
  hits.set(line, Math.max(hits.get(line) ?? 0, count));
}

// ---- LCOV: `SF:<file>`, `DA:<line>,<hits>`, `LF:`/`LH:` totals, `end_of_record` ----

interface LcovRecord {
  name: string;
  hits: Map<number, number>;
  found?: number;
  hit?: number;
}

/** Accepts both per-line `DA` data and totals-only records; data outside an `SF:` record means the file is not LCOV. */
export function parseLcov(text: string): FileRecord[] {
  const records: LcovRecord[] = [];
  let current: LcovRecord | null = null;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? "").trim();
    if (line.startsWith("SF:")) {
      current = { name: line.slice(3), hits: new Map() };
      records.push(current);
    } else if (line === "end_of_record") {
      current = null;
    } else if (/^(DA|LF|LH):/.test(line)) {
      if (!current) throw new MalformedReportError(`line ${index + 1} has ${line.slice(0, 3)} outside an SF: record`);
      readLcovLine(current, line, index + 1);
    }
  }
  if (records.length === 0) throw new MalformedReportError("it has no SF: records");
  return records.map(lcovFileRecord);
}

function readLcovLine(record: LcovRecord, line: string, lineNumber: number): void {
  const value = line.slice(3);
  if (line.startsWith("DA:")) {
    const match = /^(\d+),(-?\d+(?:\.\d+)?)(?:,.*)?$/.exec(value);
    if (!match) throw new MalformedReportError(`line ${lineNumber} is not DA:<line>,<hits>`);
    addHit(record.hits, Number(match[1]), Number(match[2]));
    return;
  }
  const count = Number(value);
  if (!Number.isFinite(count)) throw new MalformedReportError(`line ${lineNumber} has no number`);
  if (line.startsWith("LF:")) record.found = count;
  else record.hit = count;
}

function lcovFileRecord(record: LcovRecord): FileRecord {
  // Some writers leave out DA lines and give only the totals.
  if (record.hits.size === 0 && record.found !== undefined) {
    return { names: [record.name], totals: { covered: Math.min(record.hit ?? 0, record.found), total: record.found } };
  }
  return { names: [record.name], lineHits: record.hits };
}

// ---- Cobertura XML: `<source>` folders, `<class filename>` with `<line number hits>` ----

/** A regex reader, not a full XML parser: enough for what coverage tools write, and it rejects a truncated file. */
export function parseCobertura(text: string): FileRecord[] {
  const xml = text.replace(/<!--[\s\S]*?-->/g, "");
  assertWholeCoverageElement(xml);
  const sources = [...xml.matchAll(/<source>([^<]*)<\/source>/g)].map((match) => decodeXml(match[1] ?? "").trim()).filter(Boolean);
  const byFile = new Map<string, Map<number, number>>();
  let current: Map<number, number> | null = null;
  for (const [, closing, tag, attributeText = ""] of xml.matchAll(/<(\/?)(class|line)\b([^>]*)>/g)) {
    if (tag === "class") {
      current = closing || attributeText.trimEnd().endsWith("/") ? null : classHits(byFile, attributesOf(attributeText));
    } else if (current && !closing) {
      addLineElement(current, attributesOf(attributeText));
    }
  }
  return [...byFile].map(([filename, hits]) => ({ names: coberturaNames(filename, sources), lineHits: hits }));
}

/** A report without its closing tag was cut short: its numbers would be wrong, not just incomplete. */
function assertWholeCoverageElement(xml: string): void {
  if (!/<coverage[\s>/]/.test(xml)) throw new MalformedReportError("it has no <coverage> element");
  if (!/<\/coverage\s*>/.test(xml) && !/<coverage\b[^>]*\/>/.test(xml)) {
    throw new MalformedReportError("its <coverage> element is never closed (truncated file?)");
  }
}

/** Several `<class>` elements may share a file (inner classes); their lines go together. */
function classHits(byFile: Map<string, Map<number, number>>, attributes: ReadonlyMap<string, string>): Map<number, number> | null {
  const filename = attributes.get("filename");
  if (!filename) return null;
  const hits = byFile.get(filename) ?? new Map<number, number>();
  byFile.set(filename, hits);
  return hits;
}

function addLineElement(hits: Map<number, number>, attributes: ReadonlyMap<string, string>): void {
  const line = Number(attributes.get("number"));
  const count = Number(attributes.get("hits") ?? "0");
  if (Number.isInteger(line) && line > 0 && Number.isFinite(count)) addHit(hits, line, count);
}

/** Filenames are relative to one of the `<source>` folders; which one is not recorded, so each is a candidate. */
function coberturaNames(filename: string, sources: readonly string[]): string[] {
  const relative = !filename.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(filename);
  return relative ? [...sources.map((source) => `${source.replace(/[\\/]+$/, "")}/${filename}`), filename] : [filename];
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name = "", doubleQuoted, singleQuoted] of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(name, decodeXml(doubleQuoted ?? singleQuoted ?? ""));
  }
  return attributes;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (entity, name: string) => XML_ENTITIES[name] ?? entity);
}

// ---- Istanbul JSON: coverage-final.json (statements per file) and coverage-summary.json (totals per file) ----

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJsonObject(text: string): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MalformedReportError(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(data)) throw new MalformedReportError("it is not a JSON object");
  return data;
}

/** Accepts both the plain map and the `{ data: … }` wrapping some tools write; entries without statements are skipped. */
export function parseIstanbulFinal(text: string): FileRecord[] {
  const data = parseJsonObject(text);
  const records = Object.entries(data).flatMap(([key, value]) => istanbulFileRecord(key, value) ?? []);
  if (records.length === 0 && Object.keys(data).length > 0) throw new MalformedReportError("no entry has a statementMap and s");
  return records;
}

/** Istanbul counts a line as covered when a statement starting on it ran, so statements are folded onto start lines. */
function istanbulFileRecord(key: string, value: unknown): FileRecord | null {
  const entry = isObject(value) && isObject(value.data) ? value.data : value;
  if (!isObject(entry) || !isObject(entry.statementMap) || !isObject(entry.s)) return null;
  const hits = new Map<number, number>();
  for (const [id, location] of Object.entries(entry.statementMap)) {
    const line = startLineOf(location);
    const count = entry.s[id];
    if (line !== null) addHit(hits, line, typeof count === "number" ? count : 0);
  }
  return { names: [typeof entry.path === "string" ? entry.path : key], lineHits: hits };
}

/** The line a statement location starts on, or null when the location is not `{ start: { line } }` with a line ≥ 1. */
function startLineOf(location: unknown): number | null {
  const start = isObject(location) ? location.start : undefined;
  const line = isObject(start) ? start.line : undefined;
  return typeof line === "number" && line > 0 ? line : null;
}

/** Per-file line totals only (no line numbers); the `total` entry is ignored, and `pct` stands in when `covered` is absent. */
export function parseIstanbulSummary(text: string): FileRecord[] {
  const data = parseJsonObject(text);
  const entries = Object.entries(data).filter(([key]) => key !== "total");
  const records = entries.flatMap(([key, value]) => summaryFileRecord(key, value) ?? []);
  if (records.length === 0 && entries.length > 0) throw new MalformedReportError("no entry has lines.total with lines.covered or lines.pct");
  return records;
}

function summaryFileRecord(key: string, value: unknown): FileRecord | null {
  const lines = isObject(value) ? value.lines : undefined;
  if (!isObject(lines) || typeof lines.total !== "number") return null;
  const { total, covered, pct } = lines;
  const coveredLines = typeof covered === "number" ? covered : typeof pct === "number" ? (total * pct) / 100 : null;
  if (coveredLines === null) return null;
  return { names: [key], totals: { covered: Math.min(coveredLines, total), total } };
}
