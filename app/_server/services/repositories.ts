import { z } from "zod";
import { getDb, Prisma } from "../db";
import { loadEnv } from "../env";
import { AppError, notFound } from "../errors";
import { parseBranchName, parseRepositoryUrl, type RepositoryLocation } from "../git/repository-url";
import { toRepositoryDto, type RepositoryDto } from "./dto";
import { ensureTeam } from "./teams";

export const registerRepositoryInput = z.object({
  url: z.string({ error: "url is required." }).max(2048, "url is too long."),
  name: z.string().trim().max(120).optional(),
  branch: z.string().max(255).optional().nullable(),
  team: z.string().trim().max(80).optional(),
});

const DEFAULT_TEAM = "Default";

/** Validates the address before anything is stored; on any problem nothing is written. */
export async function registerRepository(raw: unknown): Promise<RepositoryDto> {
  const input = registerRepositoryInput.parse(raw);
  const env = loadEnv();
  const location = parseRepositoryUrl(input.url, { localRoots: env.HEIMDALL_LOCAL_REPO_ROOTS, allowPrivateHosts: env.HEIMDALL_ALLOW_PRIVATE_HOSTS });
  const branch = parseBranchName(input.branch);
  try {
    const created = await getDb().$transaction((tx) => insertRepository(tx, input, location, branch));
    return toRepositoryDto({ ...created, scans: [] });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "This repository and branch are already registered.");
    }
    throw error;
  }
}

/** The team is created on first use inside the same transaction, so a refused registration leaves no empty team behind. */
async function insertRepository(tx: Prisma.TransactionClient, input: z.infer<typeof registerRepositoryInput>, location: RepositoryLocation, branch: string | null) {
  const team = await ensureTeam(tx, input.team || DEFAULT_TEAM);
  return tx.repository.create({
    data: { name: input.name || location.displayName, url: location.url, branch, teamId: team.id },
    include: { team: true },
  });
}

const repositoryInclude = {
  team: true,
  scans: { orderBy: { queuedAt: "desc" }, take: 1 },
} satisfies Prisma.RepositoryInclude;

/** Repositories by name, each with its latest scan and current snapshot; `teamSlug` narrows to one team. */
export async function listRepositories(teamSlug?: string): Promise<RepositoryDto[]> {
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

/** The current snapshot of a repository is its latest succeeded scan: a failed scan never replaces it. */
async function currentSnapshots(repositoryIds: string[]) {
  if (repositoryIds.length === 0) return new Map();
  const scans = await getDb().scan.findMany({
    where: { repositoryId: { in: repositoryIds }, status: "succeeded" },
    orderBy: [{ repositoryId: "asc" }, { finishedAt: "desc" }],
    distinct: ["repositoryId"],
  });
  return new Map(scans.map((scan) => [scan.repositoryId, scan]));
}
