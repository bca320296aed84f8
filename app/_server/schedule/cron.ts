// Per-repository scan schedules: five-field cron expressions in UTC, with Jenkins-style `H` so that many repositories
// on the default schedule spread over the day instead of all firing at once (docs/adr/0011-schedules.md). Pure: no DB.
import { createHash } from "node:crypto";
import { parseExpression, type CronExpression } from "cron-parser";

/** The schedule a repository gets when its registration names none: once a day, at a time of its own. */
export const DEFAULT_SCHEDULE = "H H * * *";

/** Scheduled scans of one repository may not be closer together than this. */
export const MIN_INTERVAL_MINUTES = 5;

/** A schedule that is not a valid five-field cron expression, or that fires too often; the message says why. */
export class ScheduleError extends Error {
  override name = "ScheduleError";
}

const ALIASES: Readonly<Record<string, string>> = {
  "@hourly": "H * * * *",
  "@daily": "H H * * *",
  "@weekly": "H H * * H",
};

interface FieldSpec {
  name: string;
  /** Range of the field as cron-parser checks it. */
  min: number;
  max: number;
  /** Range an `H` picks from; absent where `H` is not allowed. */
  hash?: { min: number; max: number };
  /** What one comma-separated term may look like (checked before cron-parser, which lets e.g. `1-2-3` pass). */
  term: RegExp;
  example: string;
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59, hash: { min: 0, max: 59 }, term: /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?$/, example: "0-59, *, */15 or H" },
  { name: "hour", min: 0, max: 23, hash: { min: 0, max: 23 }, term: /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?$/, example: "0-23, *, 9-17 or H" },
  { name: "day-of-month", min: 1, max: 31, term: /^(\*|\?|L|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?$/, example: "1-31, * or L" },
  { name: "month", min: 1, max: 12, term: /^(\*|[a-z\d]{1,3}(-[a-z\d]{1,3})?)(\/\d{1,2})?$/i, example: "1-12, * or jan-dec" },
  {
    name: "day-of-week",
    min: 0,
    max: 7,
    hash: { min: 0, max: 6 },
    term: /^(\*|\?|[a-z\d]{1,3}(-[a-z\d]{1,3})?(\/\d{1,2})?|[0-7]L|[a-z\d]{1,3}#[1-5])$/i,
    example: "0-7 (0 and 7 are Sunday), *, mon-fri or H",
  },
];

/** Expressions already found valid: the scheduler computes next runs for many repositories sharing a few schedules. */
const checked = new Set<string>();
const CHECKED_LIMIT = 1000;

const H_TERM = /^H(?:\((\d+)-(\d+)\))?(?:\/(\d+))?$/;

/** An `H` field: a range to pick from and an optional step; `choices` is how many distinct picks there are. */
interface HashTerm {
  low: number;
  high: number;
  step: number | null;
  choices: number;
}

/**
 * Checks a schedule and returns it tidied for storage (trimmed, single spaces, aliases in lower case). Valid means: an
 * alias (`@hourly`, `@daily`, `@weekly`) or five fields `minute hour day-of-month month day-of-week`, read in UTC,
 * with `H`, `H/15`, `H(0-29)` or `H(0-29)/10` allowed in the minute, hour and day-of-week fields, that fires at some
 * point and never twice within {@link MIN_INTERVAL_MINUTES} minutes whatever `H` resolves to.
 * @throws ScheduleError naming the field and what is wrong with it.
 */
export function parseSchedule(input: string): string {
  const expression = tidy(input);
  if (checked.has(expression)) return expression;
  if (expression === "") throw new ScheduleError("The schedule is empty; use null for manual scans only.");
  const fields = splitFields(expression);
  const terms = fields.map((text, index) => checkField(expression, fieldAt(index), text));
  const resolved = fields.map((text, index) => {
    const term = terms[index];
    return term ? resolveHash(term, 0) : text;
  });
  const parsed = parseResolved(expression, resolved);
  assertFires(expression, parsed);
  assertNotTooFrequent(expression, fields, terms);
  if (checked.size < CHECKED_LIMIT) checked.add(expression);
  return expression;
}

/**
 * The first time strictly after `after` (to the minute, UTC) that `expression` fires for this repository: each `H` is
 * replaced by a value derived from a hash of `repositoryId`, the same on every call and different across repositories.
 * @throws ScheduleError when the expression is not valid (see {@link parseSchedule}).
 */
export function nextRun(expression: string, repositoryId: string, after: Date): Date {
  const tidied = parseSchedule(expression);
  const fields = splitFields(tidied);
  const resolved = fields.map((text, index) => {
    const spec = fieldAt(index);
    const term = checkField(tidied, spec, text);
    return term ? resolveHash(term, pick(repositoryId, spec.name, term.choices)) : text;
  });
  // Valid for every pick of H (checked above), so cron-parser needs no field-by-field pass for messages here.
  return parseExpression(resolved.join(" "), { utc: true, currentDate: after }).next().toDate();
}

/** `nextRun` for a stored schedule, where null means manual scans only (no next run). */
export function nextScheduledRun(schedule: string | null, repositoryId: string, after: Date): Date | null {
  return schedule === null ? null : nextRun(schedule, repositoryId, after);
}

function tidy(input: string): string {
  const expression = input.trim().replace(/\s+/g, " ");
  return expression.startsWith("@") ? expression.toLowerCase() : expression;
}

function splitFields(expression: string): string[] {
  if (expression.startsWith("@")) {
    const alias = ALIASES[expression];
    if (!alias) throw invalid(expression, `unknown alias; use ${Object.keys(ALIASES).join(", ")} or five fields`);
    return alias.split(" ");
  }
  const fields = expression.split(" ");
  if (fields.length !== 5) {
    throw invalid(expression, `it has ${fields.length} field${fields.length === 1 ? "" : "s"}; a schedule has 5 (minute hour day-of-month month day-of-week, in UTC)`);
  }
  return fields;
}

function fieldAt(index: number): FieldSpec {
  const spec = FIELDS[index];
  if (!spec) throw new Error(`no cron field ${index}`);
  return spec;
}

/** Checks the syntax of one field; returns its `H` term, or null for an ordinary field. */
function checkField(expression: string, spec: FieldSpec, text: string): HashTerm | null {
  if (text.includes("H")) return parseHashTerm(expression, spec, text);
  for (const term of text.split(",")) {
    if (!spec.term.test(term)) {
      throw invalid(expression, `the ${spec.name} field "${text}" has the term "${term}", which is not a value, range or step (expected ${spec.example})`);
    }
  }
  return null;
}

function parseHashTerm(expression: string, spec: FieldSpec, text: string): HashTerm {
  if (!spec.hash) throw invalid(expression, `the ${spec.name} field "${text}" uses H, which is allowed in the minute, hour and day-of-week fields only`);
  const match = H_TERM.exec(text);
  if (!match) {
    throw invalid(expression, `the ${spec.name} field "${text}" is not a valid H term; H must be the whole field: H, H/15, H(0-29) or H(0-29)/10`);
  }
  const [, lowText, highText, stepText] = match;
  const low = lowText === undefined ? spec.hash.min : Number(lowText);
  const high = highText === undefined ? spec.hash.max : Number(highText);
  const step = stepText === undefined ? null : Number(stepText);
  if (low < spec.hash.min || high > spec.hash.max || low > high) {
    throw invalid(expression, `the ${spec.name} field "${text}" has the range ${low}-${high}, outside ${spec.hash.min}-${spec.hash.max}`);
  }
  if (step !== null && step < 1) throw invalid(expression, `the ${spec.name} field "${text}" has a step of ${step}; a step is 1 or more`);
  const span = high - low + 1;
  return { low, high, step, choices: step === null ? span : Math.min(step, span) };
}

/** The ordinary cron text for an `H` term with pick `choice` (0 ≤ choice < choices). */
function resolveHash(term: HashTerm, choice: number): string {
  const start = term.low + choice;
  return term.step === null ? String(start) : `${start}-${term.high}/${term.step}`;
}

/** A stable number in [0, choices) for this repository and field. */
function pick(repositoryId: string, field: string, choices: number): number {
  const digest = createHash("sha256").update(`${repositoryId}\u0000${field}`).digest();
  return digest.readUInt32BE(0) % choices;
}

/** Parses five resolved fields with cron-parser in UTC; a field it refuses is named in the error. */
function parseResolved(expression: string, fields: string[]): CronExpression {
  fields.forEach((text, index) => {
    const alone = FIELDS.map((_, other) => (other === index ? text : "*")).join(" ");
    try {
      parseExpression(alone, { utc: true });
    } catch (error) {
      throw invalid(expression, `the ${fieldAt(index).name} field "${text}": ${explain(error)}`);
    }
  });
  try {
    return parseExpression(fields.join(" "), { utc: true });
  } catch (error) {
    throw invalid(expression, explain(error));
  }
}

/** cron-parser's message, without its "Constraint error, " style prefix. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^(Constraint|Validation) error, /, "")
    .replace(/\.$/, "")
    .replace(/^got value (\S+) expected range (\S+)$/, "$1 is outside $2")
    .replace(/^got range (\S+) expected range (\S+)$/, "the range $1 is outside $2")
    .replace(/^Invalid explicit day of month definition$/, "that month never has that day");
}

function assertFires(expression: string, parsed: CronExpression): void {
  try {
    parsed.next();
  } catch {
    throw invalid(expression, "it never fires (a day that the month never has)");
  }
}

/**
 * Refuses expressions whose runs can come closer than MIN_INTERVAL_MINUTES apart, whatever `H` resolves to, so that a
 * schedule valid for one repository is valid for all. Within an hour the gap is between consecutive minutes; from one
 * hour to the next (when consecutive hours fire, counting 23 → 0) it is from the last minute to the first.
 */
function assertNotTooFrequent(expression: string, fields: string[], terms: Array<HashTerm | null>): void {
  const minuteSets = variants(fields[0] ?? "*", terms[0] ?? null).map((text) => fieldValues(text, 0));
  const hoursTouch = variants(fields[1] ?? "*", terms[1] ?? null).some((text) => hasConsecutiveHours(fieldValues(text, 1)));
  let smallest = Number.POSITIVE_INFINITY;
  for (const minutes of minuteSets) {
    for (let index = 1; index < minutes.length; index += 1) smallest = Math.min(smallest, (minutes[index] ?? 0) - (minutes[index - 1] ?? 0));
    if (hoursTouch) smallest = Math.min(smallest, 60 - (minutes.at(-1) ?? 0) + (minutes[0] ?? 0));
  }
  if (smallest < MIN_INTERVAL_MINUTES) {
    const often = smallest === 1 ? "it can fire every minute" : `its runs can be as little as ${smallest} minutes apart`;
    throw invalid(expression, `${often}; scheduled scans may run at most every ${MIN_INTERVAL_MINUTES} minutes`);
  }
}

/** Every text an `H` term can resolve to, or the field itself. */
function variants(text: string, term: HashTerm | null): string[] {
  return term ? Array.from({ length: term.choices }, (_, choice) => resolveHash(term, choice)) : [text];
}

/** The sorted, distinct values a minute (0) or hour (1) field fires at. */
function fieldValues(text: string, index: 0 | 1): number[] {
  const alone = FIELDS.map((_, other) => (other === index ? text : "*")).join(" ");
  const { fields } = parseExpression(alone, { utc: true });
  const values = (index === 0 ? fields.minute : fields.hour) as readonly number[];
  return [...new Set(values)].sort((a, b) => a - b);
}

function hasConsecutiveHours(hours: number[]): boolean {
  const set = new Set(hours);
  return hours.some((hour) => set.has((hour + 1) % 24));
}

function invalid(expression: string, reason: string): ScheduleError {
  return new ScheduleError(`"${expression}" is not a valid schedule: ${reason}.`);
}
