// Single rows with sensible defaults, for tests that need one exact situation (a gap in a history, a tie, a failed last
// scan) rather than a generated organisation. Write them with BulkWriter, like the seed does.
import { createHash } from "node:crypto";
import { ANALYZERS, ENGINE_VERSION, GUIDE_VERSION, gradeFor } from "../../analyzers";
import { fingerprintOf } from "../../analyzers/core/finding";
import { DEMO_URL_PREFIX } from "./organisation";
import type { FindingRow, RepositoryRow, RuleResultRow, ScanRow, TeamRow } from "./rows";

let serial = 0;
/** A unique cuid-shaped id; `label` only makes failing tests easier to read. */
function nextId(label: string): string {
  serial += 1;
  return `c${label.slice(0, 4).padEnd(4, "x")}${serial.toString(36).padStart(20, "0")}`;
}

/** A team row; `slug` is required, the name defaults to it. */
export function teamRow(overrides: Partial<TeamRow> & { slug: string }): TeamRow {
  return { id: nextId("team"), name: overrides.slug, createdAt: new Date("2024-01-01T00:00:00Z"), ...overrides };
}

/** A repository of `team` under the demo's URL prefix (so `--reset` would remove it). */
export function repositoryRow(team: TeamRow, overrides: Partial<RepositoryRow> & { name: string }): RepositoryRow {
  return { id: nextId("repo"), teamId: team.id, url: `${DEMO_URL_PREFIX}${team.slug}/${overrides.name}.git`, createdAt: new Date("2024-01-01T00:00:00Z"), ...overrides };
}

/** A stored snapshot committed at `committedAt`, scanned a minute later; give `score` or let `ruleResultRows` decide it. */
export function snapshotRow(repository: RepositoryRow, committedAt: Date, overrides: Partial<ScanRow> = {}): ScanRow {
  const finishedAt = new Date(committedAt.getTime() + 60_000);
  const commitSha = createHash("sha1").update(`${repository.id}/${committedAt.toISOString()}`).digest("hex");
  const score = overrides.score ?? null;
  return {
    id: nextId("scan"),
    repositoryId: repository.id,
    status: "succeeded",
    trigger: "schedule",
    commitSha,
    committedAt,
    deadLetteredAt: null,
    score,
    grade: score === null ? null : gradeFor(score),
    engineVersion: ENGINE_VERSION,
    guideVersion: GUIDE_VERSION,
    rulesetVersion: `${ENGINE_VERSION}+tests000`,
    error: null,
    attempts: 1,
    stats: null,
    queuedAt: new Date(committedAt.getTime() + 1_000),
    startedAt: new Date(committedAt.getTime() + 2_000),
    finishedAt,
    durationMs: 58_000,
    snapshotKey: createHash("sha256").update(`${repository.id}/${commitSha}`).digest("hex"),
    duplicateOfId: null,
    ...overrides,
  };
}

/** A failed scan requested at `at`. */
export function failedScanRow(repository: RepositoryRow, at: Date, overrides: Partial<ScanRow> = {}): ScanRow {
  return {
    ...snapshotRow(repository, at),
    status: "failed",
    commitSha: null,
    committedAt: null,
    score: null,
    grade: null,
    engineVersion: null,
    guideVersion: null,
    rulesetVersion: null,
    snapshotKey: null,
    error: "Could not clone the repository: the remote end hung up unexpectedly.",
    ...overrides,
  };
}

/** One rule result per analyzer of the registry, `scores[ruleId]` or 100, with the analyzer's tags and weight. */
export function ruleResultRows(scan: ScanRow, scores: Record<string, number | null> = {}, findingCounts: Record<string, number> = {}): RuleResultRow[] {
  return ANALYZERS.map(({ meta }) => ({
    id: nextId("rule"),
    scanId: scan.id,
    ruleId: meta.id,
    guideTags: [...meta.guideTags],
    score: meta.id in scores ? (scores[meta.id] ?? null) : 100,
    weight: meta.weight,
    findingCount: findingCounts[meta.id] ?? 0,
    suppressedCount: 0,
  }));
}

/** A finding of `ruleId` in `file`; its fingerprint follows from rule, file and `identity`, as the engine's does. */
export function findingRow(scan: ScanRow, ruleId: string, file: string, overrides: Partial<FindingRow> & { identity?: string } = {}): FindingRow {
  const meta = ANALYZERS.find((analyzer) => analyzer.meta.id === ruleId)?.meta;
  const { identity = `${file}:${overrides.line ?? 1}`, ...rest } = overrides;
  return {
    id: nextId("find"),
    scanId: scan.id,
    ruleId,
    guideTags: meta ? [...meta.guideTags] : [],
    severity: meta?.defaultSeverity ?? "warning",
    file,
    line: 1,
    endLine: 1,
    message: `${ruleId} finding in ${file}`,
    fingerprint: fingerprintOf(ruleId, file, [identity]),
    snippet: null,
    suppressedKind: null,
    suppressedReason: null,
    suppressedLine: null,
    ...rest,
  };
}
