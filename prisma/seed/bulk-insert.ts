// Fast writes for the seed: PostgreSQL's COPY, one stream per table and batch of twenty thousand rows — no per-row
// statements, no Prisma in the loop. (Multi-row INSERTs through unnest() of array parameters took about five times as
// long for the demo's two million rows: PostgreSQL spent the difference parsing the arrays.)
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Submittable } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { FindingRow, RepositoryHistory, RepositoryRow, RuleResultRow, ScanRow, TeamRow } from "./rows";

/** What the writer needs from a database connection: `pg`'s Client (a Pool cannot COPY). */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
  query<T extends Submittable>(stream: T): T;
}

/** A connection that returns rows: `pg`'s Client. */
export interface RowQueryable extends Queryable {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount?: number | null }>;
}

/** How a value is written in COPY's text format; `array` for text[] columns, `json` for jsonb. */
type Encoding = "plain" | "array" | "json";

interface Column<Row> {
  name: string;
  encoding?: Encoding;
  value(row: Row): string | number | boolean | Date | null | readonly string[] | object;
}

/** A text[] value as a PostgreSQL array literal. */
const arrayLiteral = (items: readonly string[]): string => `{${items.map((item) => `"${item.replace(/(["\\])/g, "\\$1")}"`).join(",")}}`;

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One field of COPY's text format: `\N` for null, and backslash, tab and line breaks escaped. */
function copyField(value: unknown, encoding: Encoding = "plain"): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = encoding === "array" ? arrayLiteral(value as string[]) : encoding === "json" ? JSON.stringify(value) : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char] ?? char) : text;
}

const TEAM_COLUMNS: Column<TeamRow>[] = [
  { name: "id", value: (row) => row.id },
  { name: "slug", value: (row) => row.slug },
  { name: "name", value: (row) => row.name },
  { name: "createdAt", value: (row) => row.createdAt },
];

const REPOSITORY_COLUMNS: Column<RepositoryRow>[] = [
  { name: "id", value: (row) => row.id },
  { name: "teamId", value: (row) => row.teamId },
  { name: "name", value: (row) => row.name },
  { name: "url", value: (row) => row.url },
  // Manual scans only: the demo's URLs do not exist, so the scheduler must never try to clone them.
  { name: "schedule", value: () => null },
  { name: "createdAt", value: (row) => row.createdAt },
  { name: "updatedAt", value: (row) => row.createdAt },
];

const SCAN_COLUMNS: Column<ScanRow>[] = [
  { name: "id", value: (row) => row.id },
  { name: "repositoryId", value: (row) => row.repositoryId },
  { name: "status", value: (row) => row.status },
  { name: "trigger", value: (row) => row.trigger },
  { name: "commitSha", value: (row) => row.commitSha },
  { name: "committedAt", value: (row) => row.committedAt },
  { name: "deadLetteredAt", value: (row) => row.deadLetteredAt },
  { name: "score", value: (row) => row.score },
  { name: "grade", value: (row) => row.grade },
  { name: "engineVersion", value: (row) => row.engineVersion },
  { name: "guideVersion", value: (row) => row.guideVersion },
  { name: "rulesetVersion", value: (row) => row.rulesetVersion },
  { name: "error", value: (row) => row.error },
  { name: "attempts", value: (row) => row.attempts },
  { name: "stats", encoding: "json", value: (row) => row.stats },
  { name: "queuedAt", value: (row) => row.queuedAt },
  { name: "startedAt", value: (row) => row.startedAt },
  { name: "finishedAt", value: (row) => row.finishedAt },
  { name: "durationMs", value: (row) => row.durationMs },
  { name: "snapshotKey", value: (row) => row.snapshotKey },
  { name: "duplicateOfId", value: (row) => row.duplicateOfId },
];

/** The columns rule results and findings share: which scan, which rule, which guide tags. */
function ruleColumns<Row extends { id: string; scanId: string; ruleId: string; guideTags: string[] }>(): Column<Row>[] {
  return [
    { name: "id", value: (row) => row.id },
    { name: "scanId", value: (row) => row.scanId },
    { name: "ruleId", value: (row) => row.ruleId },
    { name: "guideTags", encoding: "array", value: (row) => row.guideTags },
  ];
}

const RULE_RESULT_COLUMNS: Column<RuleResultRow>[] = [
  ...ruleColumns<RuleResultRow>(),
  { name: "score", value: (row) => row.score },
  { name: "weight", value: (row) => row.weight },
  { name: "findingCount", value: (row) => row.findingCount },
  { name: "suppressedCount", value: (row) => row.suppressedCount },
];

const FINDING_COLUMNS: Column<FindingRow>[] = [
  ...ruleColumns<FindingRow>(),
  { name: "severity", value: (row) => row.severity },
  { name: "file", value: (row) => row.file },
  { name: "line", value: (row) => row.line },
  { name: "endLine", value: (row) => row.endLine },
  { name: "message", value: (row) => row.message },
  { name: "fingerprint", value: (row) => row.fingerprint },
  { name: "snippet", value: (row) => row.snippet },
  { name: "suppressedKind", value: (row) => row.suppressedKind },
  { name: "suppressedReason", value: (row) => row.suppressedReason },
  { name: "suppressedLine", value: (row) => row.suppressedLine },
];

/** Rows of one table as COPY text, written with one COPY per flush. */
class TableBuffer<Row> {
  private lines: string[] = [];
  private readonly copy: string;
  written = 0;

  constructor(
    table: string,
    private readonly spec: Column<Row>[],
  ) {
    this.copy = `COPY "${table}" (${spec.map((column) => `"${column.name}"`).join(", ")}) FROM STDIN`;
  }

  get count(): number {
    return this.lines.length;
  }

  add(row: Row): void {
    this.lines.push(this.spec.map((column) => copyField(column.value(row), column.encoding)).join("\t"));
  }

  /** Takes the buffered rows out, so that rows added from now on go to the next COPY. */
  take(): (db: Queryable) => Promise<void> {
    const lines = this.lines;
    this.lines = [];
    return async (db) => {
      if (lines.length === 0) return;
      await pipeline(Readable.from([`${lines.join("\n")}\n`]), db.query(copyFrom(this.copy)));
      this.written += lines.length;
    };
  }
}

/** How many rows of each table a writer has written. */
export interface WrittenCounts {
  teams: number;
  repositories: number;
  scans: number;
  ruleResults: number;
  findings: number;
}

/**
 * Buffers the seed's rows and writes them in batches, parents before children (teams, repositories, scans, then rule
 * results and findings), so foreign keys hold after every statement. With a second connection, rule results and findings
 * of a batch are written at the same time, one on each: PostgreSQL's index upkeep, not JavaScript, is what takes longest.
 */
export class BulkWriter {
  private readonly teams = new TableBuffer("Team", TEAM_COLUMNS);
  private readonly repositories = new TableBuffer("Repository", REPOSITORY_COLUMNS);
  private readonly scans = new TableBuffer("Scan", SCAN_COLUMNS);
  private readonly ruleResults = new TableBuffer("RuleResult", RULE_RESULT_COLUMNS);
  private readonly findings = new TableBuffer("Finding", FINDING_COLUMNS);

  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly batchRows = 20_000,
    private readonly secondDb: Queryable = db,
  ) {}

  async addTeams(rows: readonly TeamRow[]): Promise<void> {
    for (const row of rows) this.teams.add(row);
    await this.flushIfFull();
  }

  /** Rows for one repository, in any order within a table; parents are written before children all the same. */
  async addHistory(history: RepositoryHistory): Promise<void> {
    this.repositories.add(history.repository);
    await this.addScans(history);
  }

  /** Scans with their rule results and findings, for repositories written already. */
  async addScans(history: Omit<RepositoryHistory, "repository">): Promise<void> {
    for (const scan of history.scans) this.scans.add(scan);
    for (const result of history.ruleResults) this.ruleResults.add(result);
    for (const finding of history.findings) this.findings.add(finding);
    await this.flushIfFull();
  }

  /** Writes whatever is buffered, after the batch still being written. */
  async flush(): Promise<void> {
    await this.inFlight;
    this.inFlight = null;
    await this.writeBuffered();
  }

  get counts(): WrittenCounts {
    return { teams: this.teams.written, repositories: this.repositories.written, scans: this.scans.written, ruleResults: this.ruleResults.written, findings: this.findings.written };
  }

  /**
   * A full batch is sent without waiting for it: the next repositories are generated while PostgreSQL inserts (the
   * connection runs statements in order). One batch at most is in flight, so memory stays bounded.
   */
  private async flushIfFull(): Promise<void> {
    if (this.ruleResults.count + this.findings.count < this.batchRows) return;
    await this.inFlight;
    this.inFlight = this.writeBuffered();
    // Its failure surfaces at the next await of `inFlight`; until then it must not count as unhandled.
    this.inFlight.catch(() => undefined);
  }

  /** Every table's rows are taken at once, before the first await, so a batch never holds a child without its parent. */
  private writeBuffered(): Promise<void> {
    const [teams, repositories, scans, ruleResults, findings] = [this.teams, this.repositories, this.scans, this.ruleResults, this.findings].map((buffer: TableBuffer<never>) => buffer.take()) as Array<(db: Queryable) => Promise<void>>;
    return (async () => {
      for (const parent of [teams, repositories, scans]) await parent?.(this.db);
      await Promise.all([ruleResults?.(this.db), findings?.(this.secondDb)]);
    })();
  }
}
