/**
 * The route × role table (issue 7): every route file's every method, called as every kind of caller. Rows live in one
 * file per area (`routes/*.ts`); `route-table.test.ts` runs them and fails when a route file under app/api exports a
 * method that no row covers.
 */

/** Every kind of caller the table tries. "A" is the team that owns the resource asked about, "B" another team. */
export const CALLERS = [
  "anonymous",
  "viewer",
  "memberA",
  "leadA",
  "memberB",
  "leadB",
  "admin",
  "tokenA:read",
  "tokenA:scan",
  "tokenA:coverage",
  "tokenA:gate",
  "tokenB:all",
  "adminToken",
] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * The data every row runs against, made fresh for each (row, caller) pair that changes data (a refused call, shown to
 * change nothing, leaves it fresh for the next caller) and once per row otherwise:
 * teams A and B, a repository in each with a succeeded snapshot (with findings) and a backfill, users of every role with
 * signed-in sessions, and tokens.
 */
export interface World {
  teamA: { id: string; slug: string };
  teamB: { id: string; slug: string };
  repoA: { id: string; url: string };
  repoB: { id: string; url: string };
  /** A succeeded scan of repoA with rule results and findings, at commit `scanA.commitSha`. */
  scanA: { id: string; commitSha: string };
  /** A failed, dead-lettered scan of repoA (for retry). */
  failedScanA: { id: string };
  findingA: { id: string };
  backfillA: { id: string };
  /** A webhook of team A (for delete rows); its secret is not a sealed one, as no row delivers to it. */
  webhookA: { id: string };
  users: Record<"viewer" | "memberA" | "leadA" | "memberB" | "leadB" | "admin", { id: string; email: string }>;
  /** A team-A token of each scope, a team-B token with every scope, an admin token: ids (for revoke rows). */
  tokens: Record<"tokenA:read" | "tokenA:scan" | "tokenA:coverage" | "tokenA:gate" | "tokenB:all" | "adminToken", { id: string }>;
  /** A folder under HEIMDALL_LOCAL_REPO_ROOTS with a git repository nobody registered yet (for register rows). */
  unregisteredRepoPath: string;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteRequest {
  params?: Record<string, string>;
  /** Full URL with query, e.g. `http://heimdall.test/api/repositories?team=a`; defaults to a URL built from `route`. */
  url?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

// `never` accepts every handler whatever its params type (see tests/helpers/api.ts).
export type RouteHandler = (request: Request, context: never) => Promise<Response>;

export interface RouteCase {
  /** The route file's folder under app/api, e.g. "repositories/[id]/findings". */
  route: string;
  method: Method;
  /** Tells apart several rows of one route and method (e.g. "?team= another team"); shown in the test's name. */
  name?: string;
  handler: RouteHandler;
  /** What to send, given the world (ids of resources owned by team A unless the row says otherwise). */
  request: (world: World) => RouteRequest;
  /**
   * Callers that succeed (any 2xx, or exactly `successStatus`); "public": every caller, credentials or not. Everyone
   * else must get 401 (anonymous, or a bad credential) or 403, and a call that would change data must change nothing.
   */
  allowed: readonly Caller[] | "public";
  successStatus?: number;
  /** Whether the call changes data (then each caller gets a fresh world and denied calls are checked to change nothing). */
  mutates: boolean;
  /**
   * Called for every caller after the status was checked (allowed or not): callers that succeed but see less (e.g. a
   * team token gets its own team's list), or what a success must have done (an audit event). May query the database.
   */
  check?: (caller: Caller, status: number, body: unknown, world: World) => void | Promise<void>;
}
