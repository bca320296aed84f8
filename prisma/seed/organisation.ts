// The demo organisation as data: teams, repositories and, per repository, a weekly history of scans with rule results
// and findings. Deterministic: the same options give the same rows (ids included) on every machine; only the dates
// move with `now`, so the latest snapshot is always from the last few days.
import { createHash } from "node:crypto";
import { ANALYZERS, ENGINE_VERSION, GUIDE_VERSION, gradeFor } from "../../analyzers";
import { fingerprintOf } from "../../analyzers/core/finding";
import { roundScore, weightedMean } from "../../analyzers/core/scoring";
import { hashUnit, IdSequence, Random } from "./random";
import { RULE_PROFILES, type DemoFinding, type RepositoryKind, type RepositoryTraits, type RuleProfile } from "./rule-profiles";
import type { FindingRow, RepositoryHistory, RepositoryRow, RuleResultRow, ScanRow, TeamRow } from "./rows";
import { COMPONENT_SUFFIXES, MODULE_SUFFIXES, REPOSITORY_SUFFIXES, SCAN_ERRORS, SUPPRESSION_REASONS, TEAMS, type TeamSpec } from "./vocabulary";

/** Repositories of the demo live under this URL prefix: it is how the seed tells its own data from anyone else's. */
export const DEMO_URL_PREFIX = "https://git.acme.example/";

/** What to generate; every field has a default (DEMO_DEFAULTS: the full demo organisation). */
export interface OrganisationOptions {
  /** Seed of the pseudo-random generator; the same seed gives the same organisation. */
  seed?: string;
  teams?: number;
  repositories?: number;
  /** Weekly snapshots per repository (fewer for stale repositories and weeks whose scan failed without a retry). */
  weeks?: number;
  /** The latest this many snapshots of each repository get their findings stored… */
  detailedWeeks?: number;
  /** …and every this many weeks before them (0: none), so older history has some findings too. */
  detailEvery?: number;
  /** The latest snapshots are from the few days before this moment. */
  now?: Date;
  /** Share of weekly scans that fail; half of them are retried the same week, the rest leave the week without a snapshot. */
  failureRate?: number;
  /** Share of snapshots scanned again on the same commit (a duplicate scan: succeeded, no rule results of its own). */
  duplicateRate?: number;
  /** Repositories whose scans stopped weeks ago. */
  staleRepositories?: number;
  /** Repositories whose latest scan failed (a third of them dead-lettered). */
  failingRepositories?: number;
}

export type ResolvedOptions = Required<OrganisationOptions>;

/** The demo of `npm run seed:demo`: 20 teams, 500 repositories, two years of weekly snapshots. */
export const DEMO_DEFAULTS: ResolvedOptions = {
  seed: "heimdall-demo",
  teams: 20,
  repositories: 500,
  weeks: 104,
  detailedWeeks: 8,
  detailEvery: 52,
  now: new Date(0),
  failureRate: 0.02,
  duplicateRate: 0.01,
  staleRepositories: 8,
  failingRepositories: 12,
};

const WEEK_MS = 7 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
/** Snapshots before this many weeks ago ran the previous engine (a ruleset change shows in the history). */
const ENGINE_UPGRADE_WEEKS_AGO = 40;
const PREVIOUS_ENGINE_VERSION = "0.2.0";

interface RepositoryPlan {
  /** Position in the organisation: numbers the repository's block of ids. */
  index: number;
  row: RepositoryRow;
  team: TeamSpec;
  traits: RepositoryTraits;
  random: Random;
  /** Quality 0–100 the repository starts from, and how it moves per week. */
  base: number;
  trend: number;
  /** A refactoring or a regression: from `week` on, quality moves by `jump`. */
  event: { week: number; jump: number } | null;
  /** Minutes after Monday 00:00 UTC its weekly scan runs (its schedule). */
  scheduleOffsetMs: number;
  staleWeeks: number;
  failsLast: boolean;
}

/** The organisation before its histories: teams and repository plans. Cheap; histories are generated one at a time. */
export interface OrganisationPlan {
  options: ResolvedOptions;
  teams: TeamRow[];
  repositories: RepositoryPlan[];
  /** Monday 00:00 UTC of the week of the latest snapshots. */
  lastWeekStart: number;
}

/** Plans teams and repositories for `options` (defaults: the 20-team, 500-repository demo). */
export function planOrganisation(options: OrganisationOptions = {}): OrganisationPlan {
  const resolved: ResolvedOptions = { ...DEMO_DEFAULTS, now: new Date(), ...options };
  assertProfilesMatchRegistry();
  const random = new Random(resolved.seed);
  const now = resolved.now.getTime();
  const lastWeekStart = startOfUtcWeek(now - 2 * 24 * HOUR_MS);
  const firstWeekStart = lastWeekStart - (resolved.weeks - 1) * WEEK_MS;
  const specs = teamSpecs(resolved.teams);
  const teamQuality = specs.map((spec) => {
    const r = random.fork(`team-quality/${spec.slug}`);
    return { base: clamp(r.normal(75, 8), 52, 93), trend: r.normal(0.04, 0.05), weight: Math.exp(r.normal(0, 0.5)) };
  });
  const teams: TeamRow[] = specs.map((spec) => ({
    id: random.fork(`team/${spec.slug}`).cuid(),
    slug: spec.slug,
    name: spec.name,
    createdAt: new Date(firstWeekStart - 30 * 24 * HOUR_MS),
  }));
  const counts = allocate(resolved.repositories, teamQuality.map((quality) => quality.weight));
  const repositories: RepositoryPlan[] = [];
  specs.forEach((spec, teamIndex) => {
    const team = teams[teamIndex] as TeamRow;
    const quality = teamQuality[teamIndex] as { base: number; trend: number };
    const names = new Set<string>();
    for (let i = 0; i < (counts[teamIndex] ?? 0); i++) {
      repositories.push(planRepository({ spec, team, quality, index: repositories.length, names, random: random.fork(`repository/${spec.slug}/${i}`), firstWeekStart }));
    }
  });
  markSpecialRepositories(repositories, resolved, random.fork("special"));
  return { options: resolved, teams, repositories, lastWeekStart };
}

function planRepository(input: { spec: TeamSpec; team: TeamRow; quality: { base: number; trend: number }; index: number; names: Set<string>; random: Random; firstWeekStart: number }): RepositoryPlan {
  const { spec, team, quality, index, names, random, firstWeekStart } = input;
  let name = `${random.pick(spec.products)}-${random.pick(REPOSITORY_SUFFIXES)}`;
  while (names.has(name)) name = `${random.pick(spec.products)}-${random.pick(REPOSITORY_SUFFIXES)}${names.size > 30 ? `-${random.int(2, 99)}` : ""}`;
  names.add(name);
  const kind = pickKind(random);
  const traits = repositoryTraits(kind, spec, random);
  const createdAt = new Date(firstWeekStart - random.int(1, 20) * 24 * HOUR_MS);
  return {
    index,
    row: { id: random.cuid(), teamId: team.id, name, url: `${DEMO_URL_PREFIX}${spec.slug}/${name}.git`, createdAt },
    team: spec,
    traits,
    random,
    base: clamp(quality.base + random.normal(0, 7), 25, 99),
    trend: quality.trend + random.normal(0, 0.04),
    event: random.chance(0.15) ? { week: random.int(5, 100), jump: random.chance(0.6) ? random.between(5, 12) : -random.between(6, 14) } : null,
    scheduleOffsetMs: random.int(0, 46 * 60) * 60 * 1000,
    staleWeeks: 0,
    failsLast: false,
  };
}

function pickKind(random: Random): RepositoryKind {
  const roll = random.next();
  return roll < 0.45 ? "service" : roll < 0.65 ? "webapp" : roll < 0.9 ? "library" : "tool";
}

function repositoryTraits(kind: RepositoryKind, spec: TeamSpec, random: Random): RepositoryTraits {
  const kloc = Math.round(clamp(Math.exp(random.normal(Math.log(11), 0.75)), 1.5, 120) * 10) / 10;
  const isLayered = random.chance({ service: 0.7, webapp: 0.3, library: 0.2, tool: 0.1 }[kind]);
  const fileCount = Math.round(clamp(kloc * 3, 8, 60));
  const sourceFiles = new Set<string>();
  while (sourceFiles.size < fileCount) sourceFiles.add(sourcePath(kind, isLayered, spec, random));
  const testFiles = new Set<string>();
  while (testFiles.size < Math.max(3, Math.round(fileCount / 3))) testFiles.add(`tests/${random.pick(spec.words)}-${random.pick(MODULE_SUFFIXES)}.test.ts`);
  return {
    kind,
    kloc,
    isLayered,
    typescript: random.chance(0.9),
    hasTests: random.chance(0.92),
    adrCount: random.chance(0.45) ? 0 : random.int(2, 12),
    words: spec.words,
    sourceFiles: [...sourceFiles],
    testFiles: [...testFiles],
  };
}

function sourcePath(kind: RepositoryKind, isLayered: boolean, spec: TeamSpec, random: Random): string {
  const word = random.pick(spec.words);
  const suffix = random.pick(MODULE_SUFFIXES);
  if (isLayered && kind !== "webapp") return `src/${random.pick(["domain", "application", "infrastructure", "presentation"])}/${word}/${word}.${suffix}.ts`;
  if (kind === "webapp") {
    const Word = word.charAt(0).toUpperCase() + word.slice(1);
    return random.pick([`src/components/${Word}${random.pick(COMPONENT_SUFFIXES)}.tsx`, `src/pages/${word}s.tsx`, `src/hooks/use${Word}.ts`, `src/lib/${word}-${suffix}.ts`]);
  }
  if (kind === "library") return random.pick([`src/${word}.ts`, `src/internal/${word}-${suffix}.ts`]);
  if (kind === "tool") return random.pick([`src/commands/${word}.ts`, `src/lib/${word}-${suffix}.ts`]);
  return `src/${random.pick(["routes", "services", "db", "lib", "jobs"])}/${word}-${suffix}.ts`;
}

function markSpecialRepositories(repositories: RepositoryPlan[], options: ResolvedOptions, random: Random): void {
  const order = repositories.map((plan, index) => ({ index, key: random.next() })).sort((a, b) => a.key - b.key);
  const maxStale = Math.max(1, Math.min(20, options.weeks - 2));
  order.slice(0, options.staleRepositories).forEach(({ index }) => {
    (repositories[index] as RepositoryPlan).staleWeeks = random.int(Math.min(3, maxStale), maxStale);
  });
  order.slice(options.staleRepositories, options.staleRepositories + options.failingRepositories).forEach(({ index }) => {
    (repositories[index] as RepositoryPlan).failsLast = true;
  });
}

/** The full history of one repository: scans (failed and duplicate ones among them), rule results and findings. */
export function repositoryHistory(plan: OrganisationPlan, repository: RepositoryPlan): RepositoryHistory {
  const { options } = plan;
  const random = repository.random.fork("history");
  const ids = new IdSequence(repository.index + 1, random.fork("ids"));
  const rules = RULE_PROFILES.map((profile) => new RuleTrack(profile, repository, random.fork(`rule/${profile.id}`)));
  const scans: ScanRow[] = [];
  const ruleResults: RuleResultRow[] = [];
  const findings: FindingRow[] = [];
  const lastWeek = options.weeks - 1 - repository.staleWeeks;
  let noise = 0;
  for (let week = 0; week <= lastWeek; week++) {
    noise = 0.8 * noise + random.normal(0, 1);
    const trendQuality = repository.base + repository.trend * week + (repository.event && week >= repository.event.week ? repository.event.jump : 0) + organisationDrift(week - options.weeks + 1);
    const slot = plan.lastWeekStart - (options.weeks - 1 - week) * WEEK_MS + repository.scheduleOffsetMs + random.int(0, 30 * 60) * 1000;
    let at = slot;
    if (random.chance(options.failureRate)) {
      scans.push(failedScan(repository, random, ids, at));
      if (random.chance(0.5)) continue;
      at += random.int(2, 8) * HOUR_MS;
    }
    const isDetailed = week > lastWeek - options.detailedWeeks || (options.detailEvery > 0 && (lastWeek - week) % options.detailEvery === 0);
    const snapshot = snapshotScan(repository, random, ids, at, week - options.weeks + 1);
    const results = rules.map((track) => track.resultFor(week, trendQuality, noise, isDetailed));
    const score = weightedMean(results.map((result) => ({ score: result.score, weight: result.profile.weight })));
    Object.assign(snapshot, { score, grade: score === null ? null : gradeFor(score) });
    scans.push(snapshot);
    for (const [ruleIndex, result] of results.entries()) {
      // Derived from the scan's id rather than drawn: a million and a half of them, and they stay unique all the same.
      ruleResults.push({ id: `${snapshot.id.slice(0, 22)}${ruleIndex.toString(36).padStart(3, "0")}`, scanId: snapshot.id, ruleId: result.profile.id, guideTags: [...result.profile.guideTags], score: result.score, weight: result.profile.weight, findingCount: result.findingCount, suppressedCount: result.suppressedCount });
      for (const candidate of result.findings) findings.push(findingRow(result.profile, candidate, ids.next(), snapshot.id));
    }
    if (random.chance(options.duplicateRate)) scans.push(duplicateScan(snapshot, random, ids));
  }
  if (repository.failsLast) scans.push(lastFailure(plan, repository, random, ids, scans));
  return { repository: repository.row, scans, ruleResults, findings };
}

type RuleOutcome = { profile: { id: string; guideTags: readonly string[]; weight: number; severity: FindingRow["severity"] }; score: number | null; findingCount: number; suppressedCount: number; findings: Candidate[] };

/** Which findings of a rule are raised: a window of its endless list, or entries of a fixed list of checks. */
type Selection = { start: number; size: number } | { list: number[] };

/** A fixed score, or how to score the findings that count: a share of judged items, a density, or 100 / (1 + n). */
type ScoreOf = number | { share: number } | { density: number } | "inverse";

function scoreOf(score: ScoreOf, counted: number): number {
  if (typeof score === "number") return score;
  if (score === "inverse") return roundScore(100 / (1 + counted));
  if ("share" in score) return roundScore((100 * (score.share - counted)) / score.share);
  return roundScore(100 * (1 - counted / score.density));
}

interface Candidate {
  draft: DemoFinding;
  fingerprint: string;
  suppressed: { kind: "inline" | "config"; reason: string; line: number | null } | null;
}

/** One rule over a repository's weeks: its own bias, drift and noise, and the stable list of findings it can raise. */
class RuleTrack {
  private readonly meta: { id: string; guideTags: readonly string[]; weight: number; defaultSeverity: "info" | "warning" | "error" };
  private readonly bias: number;
  private readonly drift: number;
  private readonly isApplicable: boolean;
  private readonly candidates = new Map<number, Candidate>();
  /** Order in which a fixed list of checks fails in this repository. */
  private readonly checkOrder: number[];
  private noise = 0;
  /** Findings fixed (and new ones raised) per week, fixed on first use so the window slides steadily. */
  private churn: number | null = null;
  /** suppressedBefore[i]: how many of the first i findings of the list are suppressed. */
  private readonly suppressedBefore: number[] = [0];

  constructor(
    private readonly profile: RuleProfile,
    private readonly repository: RepositoryPlan,
    private readonly random: Random,
  ) {
    const analyzer = ANALYZERS.find((candidate) => candidate.meta.id === profile.id);
    if (!analyzer) throw new Error(`No analyzer "${profile.id}" in the registry.`);
    this.meta = analyzer.meta;
    this.bias = profile.bias + random.normal(0, 6);
    this.drift = random.normal(0, 0.03);
    this.isApplicable = profile.applies(repository.traits);
    const checks = profile.model.kind === "checks" ? profile.model.checks : profile.model.kind === "records" ? repository.traits.adrCount : 0;
    this.checkOrder = Array.from({ length: checks }, (_, index) => ({ index, key: random.next() })).sort((a, b) => a.key - b.key).map(({ index }) => index);
  }

  /** The rule's result in `week`; its finding rows only when `isDetailed` (snapshots whose findings are stored). */
  resultFor(week: number, trendQuality: number, repositoryNoise: number, isDetailed: boolean): RuleOutcome {
    const profile = { id: this.meta.id, guideTags: this.meta.guideTags, weight: this.meta.weight, severity: this.meta.defaultSeverity };
    if (!this.isApplicable) return { profile, score: null, findingCount: 0, suppressedCount: 0, findings: [] };
    this.noise = 0.7 * this.noise + this.random.normal(0, 1.2);
    const quality = clamp(trendQuality + this.bias + this.drift * week + (this.profile.steady ? 0 : repositoryNoise + this.noise), 0, 100);
    const { selection, score } = this.outcome(week, quality);
    const raised = "list" in selection ? selection.list.length : selection.size;
    const suppressed = "list" in selection ? 0 : this.suppressedBetween(selection.start, selection.start + selection.size);
    const findings: Candidate[] = [];
    if (isDetailed && "list" in selection) for (const index of selection.list) findings.push(this.candidate(index));
    if (isDetailed && "start" in selection) for (let index = selection.start; index < selection.start + selection.size; index++) findings.push(this.candidate(index));
    return { profile, score: scoreOf(score, raised - suppressed), findingCount: raised - suppressed, suppressedCount: suppressed, findings };
  }

  /** Which findings are raised at `quality`, and the rule's score from the number that count (suppressed ones do not). */
  private outcome(week: number, quality: number): { selection: Selection; score: ScoreOf } {
    const { model } = this.profile;
    // Findings grow slower than code: a ten times larger repository has about three times as many judged items.
    const scale = 1.5 * Math.sqrt(this.repository.traits.kloc);
    const shortfall = 1 - quality / 100;
    switch (model.kind) {
      case "share": {
        const items = Math.max(model.minItems, Math.round(scale * model.itemsPerKloc));
        return { selection: this.window(week, Math.round(items * shortfall)), score: { share: items } };
      }
      case "density": {
        const allowance = scale * model.allowancePerKloc;
        return { selection: this.window(week, Math.round(allowance * shortfall)), score: { density: allowance } };
      }
      case "inverse":
        return { selection: this.window(week, quality >= 92 ? 0 : quality >= 75 ? 1 : 2), score: "inverse" };
      case "duplication": {
        const percent = Math.max(0, (100 - quality) / 2.5);
        return { selection: this.window(week, Math.round((percent * scale) / 6)), score: roundScore(duplicationScore(percent)) };
      }
      case "levels": {
        const level = quality >= 72 ? 100 : quality >= 50 ? 50 : 0;
        return { selection: { list: level === 100 ? [] : [level === 0 ? 0 : 1] }, score: level };
      }
      case "checks": {
        const failed = Math.round(clamp(model.checks * shortfall * 1.6, 0, model.checks));
        return { selection: { list: this.checkOrder.slice(0, failed) }, score: roundScore((100 * (model.checks - failed)) / model.checks) };
      }
      case "records": {
        const records = this.checkOrder.length;
        if (records === 0) return { selection: { list: [-1] }, score: 0 };
        const incomplete = Math.round(clamp(records * shortfall * 1.4, 0, records));
        return { selection: { list: this.checkOrder.slice(0, incomplete) }, score: roundScore((100 * (records - incomplete)) / records) };
      }
    }
  }

  /**
   * `size` consecutive findings of an endless list, starting further along as weeks pass: the oldest findings get fixed,
   * new ones appear, and the ones in between keep their fingerprints from week to week.
   */
  private window(week: number, size: number): Selection {
    this.churn ??= Math.max(0.05, size * this.random.between(0.02, 0.06));
    return { start: Math.floor(week * this.churn), size: Math.max(0, size) };
  }

  /** How many of the findings `from` (included) to `to` (excluded) are suppressed: about 3 %, decided per finding. */
  private suppressedBetween(from: number, to: number): number {
    while (this.suppressedBefore.length <= to) {
      const index = this.suppressedBefore.length - 1;
      this.suppressedBefore.push((this.suppressedBefore[index] ?? 0) + (this.isSuppressed(index) ? 1 : 0));
    }
    return (this.suppressedBefore[to] ?? 0) - (this.suppressedBefore[from] ?? 0);
  }

  private isSuppressed(index: number): boolean {
    return !["levels", "checks", "records"].includes(this.profile.model.kind) && hashUnit(`${this.repository.row.id}/${this.meta.id}/${index}`) < SUPPRESSED_SHARE;
  }

  private candidate(index: number): Candidate {
    let candidate = this.candidates.get(index);
    if (!candidate) {
      const draft = this.profile.finding(this.repository.traits, this.random.fork(`finding/${index}`), index);
      // The index keeps two candidates that happen to draw the same file and name apart, as two real findings would be.
      const fingerprint = fingerprintOf(this.meta.id, draft.file, [...draft.identity, String(index)]);
      candidate = { draft, fingerprint, suppressed: this.isSuppressed(index) ? suppressionOf(draft, fingerprint) : null };
      this.candidates.set(index, candidate);
    }
    return candidate;
  }
}

const SUPPRESSED_SHARE = 0.03;

function findingRow(rule: RuleOutcome["profile"], { draft, fingerprint, suppressed }: Candidate, id: string, scanId: string): FindingRow {
  return {
    id,
    scanId,
    ruleId: rule.id,
    guideTags: [...rule.guideTags],
    severity: rule.severity,
    file: draft.file,
    line: draft.line,
    endLine: draft.endLine,
    message: draft.message,
    fingerprint,
    snippet: draft.snippet ?? null,
    suppressedKind: suppressed?.kind ?? null,
    suppressedReason: suppressed?.reason ?? null,
    suppressedLine: suppressed?.line ?? null,
  };
}

/** Suppressed inline with a reason, or (one in five) by a rule's exclude glob in the configuration. */
function suppressionOf(draft: DemoFinding, fingerprint: string): NonNullable<Candidate["suppressed"]> {
  const roll = hashUnit(`suppression/${fingerprint}`);
  if (roll < 0.2) return { kind: "config", reason: `excluded by "${draft.file.replace(/[^/]+$/, "**")}" in heimdall.config.json`, line: null };
  const reason = SUPPRESSION_REASONS[Math.floor(roll * SUPPRESSION_REASONS.length)] ?? "accepted";
  return { kind: "inline", reason, line: Math.max(1, draft.line - 1) };
}

/** docs/scoring.md: 0 % → 100, 3 % → 90, 5 % → 80, 10 % → 70, 20 % → 50, ≥ 50 % → 0, linear in between. */
function duplicationScore(percent: number): number {
  const bands: Array<[number, number]> = [[0, 100], [3, 90], [5, 80], [10, 70], [20, 50], [50, 0]];
  for (let i = 1; i < bands.length; i++) {
    const [x1, y1] = bands[i] as [number, number];
    const [x0, y0] = bands[i - 1] as [number, number];
    if (percent <= x1) return y0 + ((percent - x0) / (x1 - x0)) * (y1 - y0);
  }
  return 0;
}

/**
 * What moves the whole organisation, `weeksFromNow` (≤ 0) from the latest week: a slow improvement over the two years,
 * and the stricter engine of ENGINE_UPGRADE_WEEKS_AGO, which costs every repository a few points that teams then win
 * back over the following months — the ruleset change the history marks.
 */
function organisationDrift(weeksFromNow: number): number {
  const sinceUpgrade = weeksFromNow + ENGINE_UPGRADE_WEEKS_AGO;
  return 0.06 * weeksFromNow + (sinceUpgrade >= 0 ? -5 * Math.exp(-sinceUpgrade / 12) : 0);
}

function snapshotScan(repository: RepositoryPlan, random: Random, ids: IdSequence, at: number, weeksFromNow: number): ScanRow {
  const engineVersion = weeksFromNow < -ENGINE_UPGRADE_WEEKS_AGO ? PREVIOUS_ENGINE_VERSION : ENGINE_VERSION;
  const rulesetVersion = `${engineVersion}+${createHash("sha256").update(`demo-ruleset/${engineVersion}`).digest("hex").slice(0, 8)}`;
  const commitSha = random.hex(40);
  const durationMs = random.int(15_000, 360_000);
  const lines = Math.round(repository.traits.kloc * 1000 * (1 + weeksFromNow * 0.002));
  return {
    id: ids.next(),
    repositoryId: repository.row.id,
    status: "succeeded",
    trigger: "schedule",
    commitSha,
    committedAt: new Date(at - random.int(5, 20 * 60) * 60 * 1000),
    deadLetteredAt: null,
    score: null,
    grade: null,
    engineVersion,
    guideVersion: GUIDE_VERSION,
    rulesetVersion,
    error: null,
    attempts: 1,
    stats: { files: Math.round(lines / 110), lines, unparsed: [] },
    queuedAt: new Date(at - random.int(1, 20) * 1000),
    startedAt: new Date(at),
    finishedAt: new Date(at + durationMs),
    durationMs,
    snapshotKey: createHash("sha256").update([repository.row.id, commitSha, rulesetVersion, ""].join("\u0000")).digest("hex"),
    duplicateOfId: null,
  };
}

function failedScan(repository: RepositoryPlan, random: Random, ids: IdSequence, at: number): ScanRow {
  const attempts = random.int(1, 3);
  const durationMs = random.int(2_000, 120_000);
  const finishedAt = new Date(at + durationMs);
  return {
    id: ids.next(),
    repositoryId: repository.row.id,
    status: "failed",
    trigger: "schedule",
    commitSha: null,
    committedAt: null,
    deadLetteredAt: attempts === 3 ? finishedAt : null,
    score: null,
    grade: null,
    engineVersion: null,
    guideVersion: null,
    rulesetVersion: null,
    error: random.pick(SCAN_ERRORS),
    attempts,
    stats: null,
    queuedAt: new Date(at - random.int(1, 20) * 1000),
    startedAt: new Date(at),
    finishedAt,
    durationMs,
    snapshotKey: null,
    duplicateOfId: null,
  };
}

/** A manual re-scan of the snapshot's commit: succeeded, pointing at the snapshot, with nothing stored of its own. */
function duplicateScan(snapshot: ScanRow, random: Random, ids: IdSequence): ScanRow {
  const at = snapshot.finishedAt.getTime() + random.int(1, 30) * HOUR_MS;
  const durationMs = random.int(5_000, 60_000);
  return { ...snapshot, id: ids.next(), trigger: "manual", queuedAt: new Date(at - 2_000), startedAt: new Date(at), finishedAt: new Date(at + durationMs), durationMs, snapshotKey: null, duplicateOfId: snapshot.id };
}

/** A failed scan after the repository's latest snapshot, dead-lettered one time in three. */
function lastFailure(plan: OrganisationPlan, repository: RepositoryPlan, random: Random, ids: IdSequence, scans: ScanRow[]): ScanRow {
  const latest = Math.max(...scans.map((scan) => scan.finishedAt.getTime()));
  const now = plan.options.now.getTime();
  const at = Math.min(now - 10 * 60 * 1000, latest + random.int(2, 30) * HOUR_MS);
  const failure = failedScan(repository, random, ids, Math.max(at, latest + 60_000));
  if (random.chance(1 / 3)) Object.assign(failure, { attempts: 3, deadLetteredAt: failure.finishedAt });
  return failure;
}

function teamSpecs(count: number): TeamSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const spec = TEAMS[index % TEAMS.length] as TeamSpec;
    const round = Math.floor(index / TEAMS.length);
    return round === 0 ? spec : { ...spec, name: `${spec.name} ${round + 1}`, slug: `${spec.slug}-${round + 1}` };
  });
}

/** Splits `total` by `weights` (largest remainder), at least one each while there are enough to go round. */
function allocate(total: number, weights: number[]): number[] {
  const floor = total >= weights.length ? 1 : 0;
  const rest = total - floor * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (rest * weight) / sum);
  const counts = exact.map((value) => floor + Math.floor(value));
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder);
  const missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < missing; i++) {
    const index = order[i % order.length]?.index ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function startOfUtcWeek(ms: number): number {
  const date = new Date(ms);
  const day = (date.getUTCDay() + 6) % 7;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function assertProfilesMatchRegistry(): void {
  const registry = ANALYZERS.map((analyzer) => analyzer.meta.id).sort();
  const profiles = RULE_PROFILES.map((profile) => profile.id).sort();
  if (registry.join() !== profiles.join()) throw new Error(`Demo rule profiles (${profiles.join(", ")}) do not match the registry (${registry.join(", ")}).`);
}
