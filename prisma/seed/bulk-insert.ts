// Fast writes for the seed: one multi-row INSERT per table and batch, with every column sent as one array parameter and
// spread back into rows by unnest() — thousands of rows per round trip, no per-row statements, no Prisma in the loop.
import type { FindingRow, RepositoryHistory, RepositoryRow, RuleResultRow, ScanRow, TeamRow } from "./rows";

/** What the writer needs from a database connection: `pg`'s Client and Pool both fit. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

interface Column<Row> {
  name: string;
  /** PostgreSQL type of the array parameter; `cast` is applied per row after unnest (enums, jsonb, text[]). */
  type: string;
  cast?: string;
  value(row: Row): unknown;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
/** A text[] value as a PostgreSQL array literal, so an array of them fits one text[] parameter. */
const arrayLiteral = (items: readonly string[]): string => `{${items.map((item) => `"${item.replace(/(["\\])/g, "\\$1")}"`).join(",")}}`;

const TEAM_COLUMNS: Column<TeamRow>[] = [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "slug", type: "text", value: (row) => row.slug },
  { name: "name", type: "text", value: (row) => row.name },
  { name: "createdAt", type: "timestamp(3)", value: (row) => iso(row.createdAt) },
];

const REPOSITORY_COLUMNS: Column<RepositoryRow>[] = [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "teamId", type: "text", value: (row) => row.teamId },
  { name: "name", type: "text", value: (row) => row.name },
  { name: "url", type: "text", value: (row) => row.url },
  // Manual scans only: the demo's URLs do not exist, so the scheduler must never try to clone them.
  { name: "schedule", type: "text", value: () => null },
  { name: "createdAt", type: "timestamp(3)", value: (row) => iso(row.createdAt) },
  { name: "updatedAt", type: "timestamp(3)", value: (row) => iso(row.createdAt) },
];

const SCAN_COLUMNS: Column<ScanRow>[] = [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "repositoryId", type: "text", value: (row) => row.repositoryId },
  { name: "status", type: "text", cast: '"ScanStatus"', value: (row) => row.status },
  { name: "trigger", type: "text", value: (row) => row.trigger },
  { name: "commitSha", type: "text", value: (row) => row.commitSha },
  { name: "committedAt", type: "timestamp(3)", value: (row) => iso(row.committedAt) },
  { name: "deadLetteredAt", type: "timestamp(3)", value: (row) => iso(row.deadLetteredAt) },
  { name: "score", type: "double precision", value: (row) => row.score },
  { name: "grade", type: "text", value: (row) => row.grade },
  { name: "engineVersion", type: "text", value: (row) => row.engineVersion },
  { name: "guideVersion", type: "text", value: (row) => row.guideVersion },
  { name: "rulesetVersion", type: "text", value: (row) => row.rulesetVersion },
  { name: "error", type: "text", value: (row) => row.error },
  { name: "attempts", type: "integer", value: (row) => row.attempts },
  { name: "stats", type: "text", cast: "jsonb", value: (row) => (row.stats ? JSON.stringify(row.stats) : null) },
  { name: "queuedAt", type: "timestamp(3)", value: (row) => iso(row.queuedAt) },
  { name: "startedAt", type: "timestamp(3)", value: (row) => iso(row.startedAt) },
  { name: "finishedAt", type: "timestamp(3)", value: (row) => iso(row.finishedAt) },
  { name: "durationMs", type: "integer", value: (row) => row.durationMs },
  { name: "snapshotKey", type: "text", value: (row) => row.snapshotKey },
  { name: "duplicateOfId", type: "text", value: (row) => row.duplicateOfId },
];

const RULE_RESULT_COLUMNS: Column<RuleResultRow>[] = [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "scanId", type: "text", value: (row) => row.scanId },
  { name: "ruleId", type: "text", value: (row) => row.ruleId },
  { name: "guideTags", type: "text", cast: "text[]", value: (row) => arrayLiteral(row.guideTags) },
  { name: "score", type: "double precision", value: (row) => row.score },
  { name: "weight", type: "double precision", value: (row) => row.weight },
  { name: "findingCount", type: "integer", value: (row) => row.findingCount },
  { name: "suppressedCount", type: "integer", value: (row) => row.suppressedCount },
];

const FINDING_COLUMNS: Column<FindingRow>[] = [
  { name: "id", type: "text", value: (row) => row.id },
  { name: "scanId", type: "text", value: (row) => row.scanId },
  { name: "ruleId", type: "text", value: (row) => row.ruleId },
  { name: "guideTags", type: "text", cast: "text[]", value: (row) => arrayLiteral(row.guideTags) },
  { name: "severity", type: "text", cast: '"Severity"', value: (row) => row.severity },
  { name: "file", type: "text", value: (row) => row.file },
  { name: "line", type: "integer", value: (row) => row.line },
  { name: "endLine", type: "integer", value: (row) => row.endLine },
  { name: "message", type: "text", value: (row) => row.message },
  { name: "fingerprint", type: "text", value: (row) => row.fingerprint },
  { name: "snippet", type: "text", value: (row) => row.snippet },
  { name: "suppressedKind", type: "text", value: (row) => row.suppressedKind },
  { name: "suppressedReason", type: "text", value: (row) => row.suppressedReason },
  { name: "suppressedLine", type: "integer", value: (row) => row.suppressedLine },
];

/** Rows of one table gathered column by column, written with one statement per flush. */
class TableBuffer<Row> {
  private columns: unknown[][];
  private readonly sql: string;
  count = 0;
  written = 0;

  constructor(
    table: string,
    private readonly spec: Column<Row>[],
  ) {
    this.columns = spec.map(() => []);
    const names = spec.map((column) => `"${column.name}"`).join(", ");
    const params = spec.map((column, index) => `$${index + 1}::${column.type}[]`).join(", ");
    const aliases = spec.map((_, index) => `c${index}`);
    const select = spec.map((column, index) => (column.cast ? `c${index}::${column.cast}` : `c${index}`)).join(", ");
    this.sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${params}) AS u(${aliases.join(", ")})`;
  }

  add(row: Row): void {
    this.spec.forEach((column, index) => (this.columns[index] as unknown[]).push(column.value(row)));
    this.count += 1;
  }

  /** Takes the buffered rows out, so that rows added from now on go to the next statement. */
  take(): (db: Queryable) => Promise<void> {
    const values = this.columns;
    const count = this.count;
    this.columns = this.spec.map(() => []);
    this.count = 0;
    return async (db) => {
      if (count === 0) return;
      await db.query(this.sql, values);
      this.written += count;
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

  async addHistory(history: RepositoryHistory): Promise<void> {
    this.repositories.add(history.repository);
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
