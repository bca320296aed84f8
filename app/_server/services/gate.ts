import { z } from "zod";
import type { GateConditionDto, GateVerdictDto, QualityGateDto } from "../../_lib/dto";
import type { Actor } from "../../_lib/permissions";
import { recordAudit } from "../auth/audit";
import { getDb, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { queryObject } from "./dashboard/query";
import { chosenSnapshotSql, previousSnapshotSql } from "./dashboard/snapshots";
import { isActive } from "./dashboard/sql";

const percent = z.number({ error: "must be a number" }).min(0, "must be at least 0").max(100, "must be at most 100");
const LAYER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const MAX_LAYERS = 20;

const coverageByLayer = z.record(z.string(), percent).superRefine((layers, context) => {
  const names = Object.keys(layers);
  if (names.length > MAX_LAYERS) context.addIssue({ code: "custom", message: `may name at most ${MAX_LAYERS} layers` });
  for (const name of names.filter((candidate) => !LAYER_NAME.test(candidate))) {
    context.addIssue({ code: "custom", path: [name], message: "must be a layer name such as domain or application (letters, digits, - and _)" });
  }
});

/**
 * `PUT /api/teams/:slug/gate`: the whole gate. A field left out takes its default (no score condition, no new errors,
 * no coverage condition, no score-drop alert), so what is sent is what applies.
 */
const gateInput = z.strictObject({
  minScore: percent.nullable().default(null),
  noNewErrors: z.boolean({ error: "must be true or false" }).default(true),
  coverageByLayer: coverageByLayer.default({}),
  scoreDropAlert: z.number({ error: "must be a number" }).gt(0, "must be more than 0").max(100, "must be at most 100").nullable().default(null),
});

/** A team's gate as it applies: the stored row, or the defaults when the team never set one. */
export interface QualityGate {
  minScore: number | null;
  noNewErrors: boolean;
  coverageByLayer: Record<string, number>;
  scoreDropAlert: number | null;
  updatedAt: Date | null;
}

const DEFAULT_GATE: QualityGate = { minScore: null, noNewErrors: true, coverageByLayer: {}, scoreDropAlert: null, updatedAt: null };

/** The gate that applies to a team's repositories. */
export async function teamGate(teamId: string): Promise<QualityGate> {
  const row = await getDb().qualityGate.findUnique({ where: { teamId } });
  if (!row) return DEFAULT_GATE;
  const layers = coverageByLayer.safeParse(row.coverageByLayer);
  return { minScore: row.minScore, noNewErrors: row.noNewErrors, coverageByLayer: layers.success ? layers.data : {}, scoreDropAlert: row.scoreDropAlert, updatedAt: row.updatedAt };
}

function toGateDto(slug: string, gate: QualityGate): QualityGateDto {
  return { team: slug, ...gate, updatedAt: gate.updatedAt?.toISOString() ?? null };
}

/** `GET /api/teams/:slug/gate`. */
export async function getTeamGate(team: { id: string; slug: string }): Promise<QualityGateDto> {
  return toGateDto(team.slug, await teamGate(team.id));
}

/** `PUT /api/teams/:slug/gate`: replaces the team's gate and records the change (before and after) in the audit log. */
export async function updateTeamGate(actor: Actor, team: { id: string; slug: string }, raw: unknown, request: Request): Promise<QualityGateDto> {
  const input = gateInput.parse(raw);
  const before = await teamGate(team.id);
  const data = { ...input, coverageByLayer: input.coverageByLayer as Prisma.InputJsonValue };
  const row = await getDb().qualityGate.upsert({ where: { teamId: team.id }, create: { teamId: team.id, ...data }, update: data });
  const after: QualityGate = { ...input, updatedAt: row.updatedAt };
  const { updatedAt: _before, ...beforeFields } = before;
  await recordAudit(actor, { action: "gate.update", targetType: "team", targetId: team.slug, details: { before: beforeFields, after: input } }, request);
  return toGateDto(team.slug, after);
}

// ---- verdicts ----

const verdictQuery = z.strictObject({
  commit: z
    .string()
    .regex(/^[0-9a-fA-F]{7,64}$/, "must be a commit id: its full 40 hex characters, or a unique prefix of at least 7")
    .transform((value) => value.toLowerCase())
    .optional(),
});

/** The stored snapshot a verdict is about. */
interface SnapshotRef {
  id: string;
  repositoryId: string;
  commitSha: string | null;
  score: number | null;
  grade: string | null;
}

interface RepositoryRef {
  id: string;
  name: string;
  teamId: string;
  team: { slug: string };
}

const REPOSITORY_REF = { id: true, name: true, teamId: true, team: { select: { slug: true } } } as const;
const SNAPSHOT_REF = { id: true, repositoryId: true, commitSha: true, score: true, grade: true } as const;

/**
 * `GET /api/repositories/:id/gate[?commit=sha]`: the verdict of the team's gate on the snapshot of `commit` (a unique
 * prefix of at least 7 characters is enough), else on the latest snapshot. A commit without a snapshot is a 404 that
 * says why (never scanned, or its scan failed), or a 409 while a scan that may be scanning it is queued or running.
 */
export async function gateVerdict(repositoryId: string, query: URLSearchParams): Promise<GateVerdictDto> {
  const { commit } = verdictQuery.parse(queryObject(query));
  const repository = await getDb().repository.findUnique({ where: { id: repositoryId }, select: REPOSITORY_REF });
  if (!repository) throw notFound("Repository", repositoryId);
  const snapshot = commit ? await snapshotOfCommit(repositoryId, commit) : await latestSnapshot(repositoryId);
  return judgeSnapshot(repository, snapshot, await teamGate(repository.teamId));
}

/** The verdict on a stored snapshot, by its scan id (the webhooks judge each new snapshot with it). */
export async function verdictForSnapshot(scanId: string): Promise<GateVerdictDto> {
  const snapshot = await getDb().scan.findUniqueOrThrow({ where: { id: scanId }, select: { ...SNAPSHOT_REF, repository: { select: REPOSITORY_REF } } });
  return judgeSnapshot(snapshot.repository, snapshot, await teamGate(snapshot.repository.teamId));
}

/** The newest snapshot of a commit (a duplicate scan stands for the snapshot it points to). */
async function snapshotOfCommit(repositoryId: string, prefix: string): Promise<SnapshotRef> {
  const db = getDb();
  const scans = await db.scan.findMany({
    where: { repositoryId, commitSha: { startsWith: prefix } },
    select: { id: true, status: true, commitSha: true, duplicateOfId: true, error: true },
    orderBy: [{ finishedAt: { sort: "desc", nulls: "first" } }, { queuedAt: "desc" }],
    take: 500,
  });
  const commits = [...new Set(scans.map((scan) => scan.commitSha))];
  if (commits.length > 1) {
    throw new AppError("invalid_request", `The commit prefix ${prefix} matches ${commits.length} scanned commits of this repository; give more characters.`);
  }
  const succeeded = scans.find((scan) => scan.status === "succeeded");
  if (succeeded) return db.scan.findUniqueOrThrow({ where: { id: succeeded.duplicateOfId ?? succeeded.id }, select: SNAPSHOT_REF });
  if (scans.some((scan) => scan.status === "queued" || scan.status === "running")) throw scanInProgress(`commit ${prefix}`);
  await refuseWhileBranchScanRuns(repositoryId, `commit ${prefix}`);
  const failed = scans.find((scan) => scan.status === "failed");
  if (failed) throw new AppError("not_found", `Commit ${prefix} has no snapshot: its last scan failed (${failed.error ?? "no reason recorded"}). Request a new scan.`);
  throw new AppError("not_found", `Commit ${prefix} has not been scanned yet. Scans take the head of the repository's branch: push it, request a scan (POST /api/repositories/${repositoryId}/scans) and wait for it.`);
}

/** The repository's latest snapshot on its timeline, as the dashboard shows it. */
async function latestSnapshot(repositoryId: string): Promise<SnapshotRef> {
  const [latest] = await getDb().$queryRaw<Array<{ id: string }>>`WITH chosen AS (${chosenSnapshotSql(repositoryId, undefined)}) SELECT id FROM chosen`;
  if (latest) return getDb().scan.findUniqueOrThrow({ where: { id: latest.id }, select: SNAPSHOT_REF });
  await refuseWhileBranchScanRuns(repositoryId, "this repository");
  throw new AppError("not_found", `Repository ${JSON.stringify(repositoryId)} has no snapshot yet: request a scan and wait for it.`);
}

/** A branch scan learns its commit only once it has cloned: while one is queued or running it may be scanning the commit asked for. */
async function refuseWhileBranchScanRuns(repositoryId: string, what: string): Promise<void> {
  const running = await getDb().scan.findFirst({ where: { repositoryId, status: { in: ["queued", "running"] }, commitSha: null }, select: { id: true } });
  if (running) throw scanInProgress(`${what} (scan ${running.id} of the branch is queued or running)`);
}

function scanInProgress(what: string): AppError {
  return new AppError("conflict", `A scan is in progress for ${what}: no verdict yet. Wait for the scan (GET /api/scans/:id) and ask again.`);
}

async function judgeSnapshot(repository: RepositoryRef, snapshot: SnapshotRef, gate: QualityGate): Promise<GateVerdictDto> {
  const conditions: GateConditionDto[] = [];
  if (gate.minScore !== null) conditions.push(scoreCondition(snapshot.score, gate.minScore));
  if (gate.noNewErrors) conditions.push(await newErrorsCondition(repository.id, snapshot.id));
  const layers = Object.entries(gate.coverageByLayer);
  if (layers.length > 0) conditions.push(...coverageConditions(await coverageMetrics(snapshot.id), layers));
  return {
    repository: { id: repository.id, name: repository.name, team: repository.team.slug },
    commit: snapshot.commitSha,
    scanId: snapshot.id,
    score: snapshot.score,
    grade: snapshot.grade,
    status: conditions.every((condition) => condition.status === "pass") ? "pass" : "fail",
    conditions,
  };
}

function scoreCondition(score: number | null, minScore: number): GateConditionDto {
  const base = { name: "minScore", actual: score, expected: minScore };
  if (score === null) return { ...base, status: "fail", message: `The snapshot has no score (no rule applies), so it cannot reach the minimum of ${minScore}.` };
  if (score >= minScore) return { ...base, status: "pass", message: `Score ${score} is at least ${minScore}.` };
  return { ...base, status: "fail", message: `Score ${score} is below the minimum of ${minScore}.` };
}

/**
 * Active findings of severity error whose fingerprint the previous snapshot on the timeline did not have among its
 * active findings: the dashboard's "new" (services/dashboard/snapshots.ts, previous by the same timeline), restricted to errors. Rule ids only in the
 * message: file names are code, which gate:read does not show.
 */
async function newErrorsCondition(repositoryId: string, scanId: string): Promise<GateConditionDto> {
  // NOT EXISTS by (scanId, fingerprint) index lookups, as scans.ts counts new findings: fast even on a snapshot stored
  // moments ago, before PostgreSQL has statistics of its rows.
  const [row] = await getDb().$queryRaw<Array<{ hasPrevious: boolean; previousCommit: string | null; newErrors: number; rules: string[] }>>`
    WITH chosen AS (${chosenSnapshotSql(repositoryId, scanId)}),
    prev AS (${previousSnapshotSql(repositoryId)}),
    new_errors AS (
      SELECT f."ruleId" FROM "Finding" f
      WHERE f."scanId" = (SELECT id FROM chosen) AND f.severity = 'error' AND ${isActive("f")} AND NOT EXISTS (
        SELECT 1 FROM "Finding" p WHERE p."scanId" = (SELECT id FROM prev) AND p.fingerprint = f.fingerprint AND ${isActive("p")}))
    SELECT EXISTS (SELECT 1 FROM prev) AS "hasPrevious",
      (SELECT s."commitSha" FROM "Scan" s WHERE s.id = (SELECT id FROM prev)) AS "previousCommit",
      (SELECT count(*)::int FROM new_errors) AS "newErrors",
      (SELECT coalesce(array_agg(DISTINCT "ruleId" ORDER BY "ruleId"), '{}') FROM new_errors) AS rules`;
  const base = { name: "noNewErrors", expected: 0 };
  if (!row?.hasPrevious) return { ...base, status: "pass", actual: null, message: "This is the repository's first snapshot: there is no earlier snapshot to find new errors against." };
  const since = row.previousCommit ? `commit ${row.previousCommit.slice(0, 12)}` : "the previous snapshot";
  if (row.newErrors === 0) return { ...base, status: "pass", actual: 0, message: `No new findings of severity error since ${since}.` };
  const plural = row.newErrors === 1 ? "finding" : "findings";
  return { ...base, status: "fail", actual: row.newErrors, message: `${row.newErrors} new ${plural} of severity error since ${since} (rules: ${row.rules.join(", ")}).` };
}

/** What the coverage rule stored: `coverage.<layer>` percentages, `estimated` (1: no report, an import-graph estimate), `modules`. */
type CoverageMetrics = Record<string, number> | null;

async function coverageMetrics(scanId: string): Promise<CoverageMetrics> {
  const result = await getDb().ruleResult.findUnique({ where: { scanId_ruleId: { scanId, ruleId: "coverage" } }, select: { metrics: true } });
  if (!result) return null;
  const parsed = z.record(z.string(), z.number()).safeParse(result.metrics ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * One condition per layer the gate names. Only measured line coverage (a report in the checkout or uploaded for the
 * commit) can pass: the coverage rule's estimate without a report counts modules reached from tests, not lines.
 */
function coverageConditions(metrics: CoverageMetrics, layers: ReadonlyArray<[string, number]>): GateConditionDto[] {
  const measuredLayers = Object.keys(metrics ?? {}).filter((key) => key.startsWith("coverage.")).map((key) => key.slice("coverage.".length)).sort();
  return layers.map(([layer, expected]): GateConditionDto => {
    const base = { name: `coverage.${layer}`, expected };
    const value = metrics?.[`coverage.${layer}`];
    if (metrics === null) return { ...base, status: "fail", actual: null, message: `The coverage rule did not run on this snapshot (disabled in heimdall.config.json?), so coverage of the ${layer} layer is unknown.` };
    if (metrics.modules === 0) return { ...base, status: "pass", actual: null, message: "The snapshot has no source modules: nothing to cover." };
    if (metrics.estimated === 1) {
      const estimate = value === undefined ? "" : ` (the static estimate reaches ${value}% of its modules from tests)`;
      return { ...base, status: "fail", actual: null, message: `No coverage report for this commit, so the ${layer} layer's line coverage is unknown${estimate}. Upload one (POST /api/repositories/:id/coverage?commit=…) before the scan.` };
    }
    if (value === undefined) return { ...base, status: "pass", actual: null, message: `The snapshot has no measured code in a layer named ${layer} (measured: ${measuredLayers.join(", ") || "none"}).` };
    if (value >= expected) return { ...base, status: "pass", actual: value, message: `Line coverage of the ${layer} layer is ${value}%, at least ${expected}%.` };
    return { ...base, status: "fail", actual: value, message: `Line coverage of the ${layer} layer is ${value}%, below ${expected}%.` };
  });
}
