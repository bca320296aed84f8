import { createHash } from "node:crypto";
import type { AnalysisReport } from "@/analyzers";
import { getDb } from "@/app/_server/db";
import { saveSnapshot } from "@/app/_server/services/scans";

/** A finding to store: its fingerprint says which finding it is across snapshots. */
export interface StoredFinding {
  fingerprint: string;
  severity: "error" | "warning" | "info";
  ruleId?: string;
  file?: string;
  line?: number;
  message?: string;
  suppressed?: boolean;
}

export interface SnapshotSpec {
  commitSha: string;
  committedAt: Date;
  score: number | null;
  grade?: string | null;
  findings?: StoredFinding[];
  /** The coverage rule's metrics; left out: no coverage rule result at all. */
  coverageMetrics?: Record<string, number>;
}

/** A team and a repository of it, written directly (no clone): for tests that store snapshots themselves. */
export async function teamWithRepository(slug: string, name = `${slug}-service`): Promise<{ team: { id: string; slug: string }; repository: { id: string; name: string } }> {
  const db = getDb();
  const team = await db.team.create({ data: { slug, name: slug } });
  const repository = await db.repository.create({ data: { teamId: team.id, name, url: `https://git.example.com/${slug}/${name}.git`, schedule: null } });
  return { team: { id: team.id, slug: team.slug }, repository: { id: repository.id, name: repository.name } };
}

/** A 40-hex commit id made from a label, so tests can name commits. */
export function commitId(label: string): string {
  return createHash("sha1").update(label).digest("hex");
}

/**
 * Stores a snapshot through the pipeline's own `saveSnapshot` (the transaction a worker runs after analysis), so
 * whatever follows a stored snapshot (webhooks) follows here too. Returns the scan id.
 */
export async function storeSnapshot(repositoryId: string, spec: SnapshotSpec): Promise<string> {
  const scan = await getDb().scan.create({ data: { repositoryId, status: "running", startedAt: new Date() } });
  const findings = (spec.findings ?? []).map((finding) => ({
    ruleId: finding.ruleId ?? "secrets",
    guideTags: ["SECRETS"],
    severity: finding.severity,
    file: finding.file ?? "src/app.ts",
    line: finding.line ?? 1,
    endLine: finding.line ?? 1,
    message: finding.message ?? "A finding.",
    fingerprint: finding.fingerprint,
    ...(finding.suppressed ? { suppressed: { kind: "inline" as const, reason: "accepted risk", line: 1 } } : {}),
  }));
  const rules = [
    { id: "secrets", guideTags: ["SECRETS"], section: "security", score: spec.score, weight: 1, findingCount: findings.length, suppressedCount: 0, metrics: {} },
    ...(spec.coverageMetrics ? [{ id: "coverage", guideTags: ["COV"], section: "testing", score: 50, weight: 1, findingCount: 0, suppressedCount: 0, metrics: spec.coverageMetrics }] : []),
  ];
  const report = {
    schemaVersion: 1,
    engineVersion: "0.0.0-test",
    guideVersion: "3.0",
    rulesetVersion: `test+${spec.commitSha.slice(0, 8)}`,
    score: spec.score,
    grade: spec.grade ?? (spec.score === null ? null : spec.score >= 90 ? "A" : spec.score >= 80 ? "B" : spec.score >= 70 ? "C" : spec.score >= 50 ? "D" : "E"),
    categories: [],
    rules,
    findings,
    suppressions: { inline: [], invalid: [], excluded: [], disabledRules: [] },
    partial: null,
    stats: { files: 1, lines: 10, unparsed: [], skipped: [], cache: { hits: 0, misses: 1 }, durationMs: 1, timings: { loadMs: 1, rulesMs: {}, threads: 0 } },
  } as unknown as AnalysisReport;
  await saveSnapshot(scan.id, { commitSha: spec.commitSha, committedAt: spec.committedAt }, report, new Date());
  return scan.id;
}
