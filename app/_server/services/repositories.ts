import { z } from "zod";
import { getDb, Prisma } from "../db";
import { loadEnv } from "../env";
import { AppError, notFound } from "../errors";
import { parseBranchName, parseRepositoryUrl, type RepositoryLocation } from "../git/repository-url";
import { DEFAULT_SCHEDULE, nextScheduledRun, parseSchedule, ScheduleError } from "../schedule/cron";
import { planBackfill, requestBackfill } from "./backfill";
import { accessTokenInput, assertTokenAllowed, sealAccessToken } from "./access-tokens";
import { toRepositoryDto, type RepositoryDto } from "./dto";
import { ensureTeam } from "./teams";

/** A scan schedule as the API takes it: a cron expression (checked and tidied, see schedule/cron.ts), or null or "" for manual scans only. */
const scheduleInput = z
  .string({ error: "schedule must be a cron expression or null." })
  .max(200, "schedule is too long.")
  .nullable()
  .transform((value, ctx) => {
    if (value === null || value.trim() === "") return null;
    try {
      return parseSchedule(value);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

export const registerRepositoryInput = z.object({
  url: z.string({ error: "url is required." }).max(2048, "url is too long."),
  name: z.string().trim().max(120).optional(),
  branch: z.string().max(255).optional().nullable(),
  team: z.string().trim().max(80).optional(),
  /** Absent: the default, once a day at a time of the repository's own; null: manual scans only. */
  schedule: scheduleInput.optional(),
  /** Access token of a private https repository; stored encrypted, never returned (`hasAccessToken` says whether one is set). */
  accessToken: accessTokenInput.optional(),
  /** Also scan the past right away: a backfill request (`{ since?, intervalDays? | everyCommits? }`, see backfill.ts). */
  backfill: z.unknown().optional(),
});

export type RegistrationInput = z.infer<typeof registerRepositoryInput>;

/** The team a repository is registered in when the request names none. */
export const DEFAULT_TEAM = "Default";

/** Validates the address before anything is stored; on any problem nothing is written. */
export async function registerRepository(raw: unknown): Promise<RepositoryDto> {
  return registerParsedRepository(registerRepositoryInput.parse(raw));
}

/** `registerRepository` for input already parsed with `registerRepositoryInput` (the route authorizes its team first). */
export async function registerParsedRepository(input: RegistrationInput): Promise<RepositoryDto> {
  const env = loadEnv();
  const location = parseRepositoryUrl(input.url, { localRoots: env.HEIMDALL_LOCAL_REPO_ROOTS, allowPrivateHosts: env.HEIMDALL_ALLOW_PRIVATE_HOSTS });
  const branch = parseBranchName(input.branch);
  if (input.accessToken) assertTokenAllowed(location.url);
  if (input.backfill !== undefined) planBackfill(input.backfill);
  try {
    const created = await getDb().$transaction((tx) => insertRepository(tx, input, location, branch));
    if (input.backfill !== undefined) await requestBackfill(created.id, input.backfill);
    return toRepositoryDto({ ...created, scans: [] });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "This repository and branch are already registered.");
    }
    throw error;
  }
}

/** The team is created on first use inside the same transaction, so a refused registration leaves no empty team behind. */
async function insertRepository(tx: Prisma.TransactionClient, input: RegistrationInput, location: RepositoryLocation, branch: string | null) {
  const team = await ensureTeam(tx, input.team || DEFAULT_TEAM);
  const schedule = input.schedule === undefined ? DEFAULT_SCHEDULE : input.schedule;
  const created = await tx.repository.create({
    data: { name: input.name || location.displayName, url: location.url, branch, teamId: team.id, schedule },
  });
  // `H` in the schedule is resolved from the repository's id, which exists only now.
  return tx.repository.update({
    where: { id: created.id },
    data: {
      nextScanAt: nextScheduledRun(schedule, created.id, new Date()),
      // The token is sealed for the repository's id (its authenticated data), which exists only now too.
      ...(input.accessToken ? { accessTokenCipher: sealAccessToken(created.id, input.accessToken) } : {}),
    },
    include: { team: true },
  });
}

/** Fields `PATCH /api/repositories/:id` may change; an absent field is left as it is. */
export const updateRepositoryInput = z.strictObject({
  /** A new schedule (null: manual scans only); the next scheduled scan is recomputed from now. */
  schedule: scheduleInput.optional(),
  /** A string sets or replaces the access token (https repositories only); null removes it. Never returned. */
  accessToken: accessTokenInput.nullable().optional(),
  /** A public repository serves its status badge (score and grade) to anyone; everything else still needs credentials. */
  public: z.boolean({ error: "public must be true or false." }).optional(),
});

/** What a settings change did, for the audit log: old and new values, and for the access token only "set" or "removed". */
export type RepositoryChanges = {
  schedule?: { from: string | null; to: string | null };
  public?: { from: boolean; to: boolean };
  accessToken?: "set" | "removed";
};

/**
 * Changes a repository's settings; throws a not-found AppError (a 404) for an unknown id and stores nothing on bad
 * input. Returns the repository and what actually changed.
 */
export async function updateRepository(id: string, raw: unknown): Promise<{ repository: RepositoryDto; changes: RepositoryChanges }> {
  const input = updateRepositoryInput.parse(raw);
  const db = getDb();
  const before = await db.repository.findUnique({ where: { id }, select: { schedule: true, public: true, accessTokenCipher: true } });
  if (!before) throw notFound("Repository", id);
  const data: Prisma.RepositoryUpdateInput = {};
  const changes: RepositoryChanges = {};
  if (input.schedule !== undefined) {
    data.schedule = input.schedule;
    data.nextScanAt = nextScheduledRun(input.schedule, id, new Date());
    if (input.schedule !== before.schedule) changes.schedule = { from: before.schedule, to: input.schedule };
  }
  if (input.accessToken !== undefined) {
    data.accessTokenCipher = await accessTokenCipherFor(id, input.accessToken);
    if (input.accessToken !== null) changes.accessToken = "set";
    else if (before.accessTokenCipher !== null) changes.accessToken = "removed";
  }
  if (input.public !== undefined) {
    data.public = input.public;
    if (input.public !== before.public) changes.public = { from: before.public, to: input.public };
  }
  await db.repository.update({ where: { id }, data });
  return { repository: await getRepository(id), changes };
}

/**
 * Deletes a repository with its scans, snapshots, backfills and coverage reports (the database cascades). A scan or
 * backfill a worker is running finds its rows gone and ends without storing anything (see runScan). Returns what was
 * deleted, for the audit log; 404 for an unknown id.
 */
export async function deleteRepository(id: string): Promise<{ name: string; url: string; branch: string | null; team: string }> {
  const db = getDb();
  const repository = await db.repository.findUnique({ where: { id }, select: { name: true, url: true, branch: true, team: { select: { slug: true } } } });
  if (!repository) throw notFound("Repository", id);
  await db.repository.deleteMany({ where: { id } });
  return { name: repository.name, url: repository.url, branch: repository.branch, team: repository.team.slug };
}

/** The stored form of a token change: null removes the token; a new one is sealed for this repository (https only). */
async function accessTokenCipherFor(id: string, token: string | null): Promise<string | null> {
  if (token === null) return null;
  const { url } = await getDb().repository.findUniqueOrThrow({ where: { id }, select: { url: true } });
  assertTokenAllowed(url);
  return sealAccessToken(id, token);
}

const repositoryInclude = {
  team: true,
  // The latest scan of the branch; a backfill's scans of past commits show on the backfill, not here.
  scans: { where: { backfillId: null }, orderBy: { queuedAt: "desc" }, take: 1 },
} satisfies Prisma.RepositoryInclude;

/** Repositories by name, each with its latest scan and current snapshot; `teamSlug` narrows to one team. */
export async function listRepositories(teamSlug?: string | null): Promise<RepositoryDto[]> {
  const repositories = await getDb().repository.findMany({
    where: teamSlug ? { team: { slug: teamSlug } } : {},
    include: repositoryInclude,
    orderBy: { name: "asc" },
  });
  const current = await currentSnapshots(repositories.map((repository) => repository.id));
  return repositories.map((repository) => toRepositoryDto(repository, current.get(repository.id)));
}

/** One repository with its latest scan and current snapshot; throws a not-found AppError (a 404) for an unknown id. */
export async function getRepository(id: string): Promise<RepositoryDto> {
  const repository = await getDb().repository.findUnique({ where: { id }, include: repositoryInclude });
  if (!repository) throw notFound("Repository", id);
  return toRepositoryDto(repository, (await currentSnapshots([id])).get(id));
}

/**
 * The current snapshot of a repository is the succeeded scan of its newest commit (a failed scan never replaces it, and
 * a backfill of past commits does not either); among scans of one commit, the latest.
 */
async function currentSnapshots(repositoryIds: string[]) {
  if (repositoryIds.length === 0) return new Map();
  const scans = await getDb().scan.findMany({
    where: { repositoryId: { in: repositoryIds }, status: "succeeded" },
    // Among scans of the newest commit, the branch's own latest scan; a backfill point of it only when there is none.
    orderBy: [{ repositoryId: "asc" }, { committedAt: { sort: "desc", nulls: "last" } }, { backfillId: { sort: "asc", nulls: "first" } }, { finishedAt: "desc" }],
    distinct: ["repositoryId"],
  });
  return new Map(scans.map((scan) => [scan.repositoryId, scan]));
}
