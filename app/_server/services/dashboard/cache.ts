import { getDb } from "../../db";
import { loadEnv } from "../../env";

/** Bytes of JSON the cache holds at most (per process); the least recently stored entries go first. */
const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  version: string;
  expiresAt: number;
  value: Promise<unknown>;
  /** Size of the value as JSON, once it resolved (0 before). */
  bytes: number;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;
let versionInFlight: Promise<string> | null = null;

/**
 * Organisation-wide aggregates read tens of thousands of rows, more than two cores can read for fifty dashboards at
 * once (docs/adr/0012-dashboard-aggregation.md). They are reused while the data under them is unchanged — checked on
 * every request against `dataVersion`, one cheap query — and for at most HEIMDALL_DASHBOARD_CACHE_SECONDS (0: never),
 * which bounds how late "now"-relative parts (a repository turning stale) show. Identical requests that arrive together
 * share one computation. Per process: instances behind a load balancer each compute their own. Per-repository answers
 * (history, findings pages) are cheap to compute but asked for by many dashboards at once, so they are kept too;
 * the cache holds at most 64 MiB of JSON. Callers authorize before asking: entries are shared by every user.
 */
export async function reuseWhileUnchanged<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const seconds = loadEnv().HEIMDALL_DASHBOARD_CACHE_SECONDS;
  if (seconds === 0) return compute();
  const version = await dataVersion();
  const hit = entries.get(key);
  if (hit && hit.version === version && Date.now() < hit.expiresAt) return hit.value as Promise<T>;
  const value = compute();
  forget(key);
  const entry: Entry = { version, expiresAt: Date.now() + seconds * 1000, value, bytes: 0 };
  entries.set(key, entry);
  value.then(
    (resolved) => {
      if (entries.get(key) !== entry) return;
      entry.bytes = JSON.stringify(resolved)?.length ?? 0;
      totalBytes += entry.bytes;
      evictOverBudget();
    },
    // A failure is answered once, never reused.
    () => entries.get(key) === entry && forget(key),
  );
  return value;
}

function forget(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  totalBytes -= entry.bytes;
  entries.delete(key);
}

function evictOverBudget(): void {
  for (const oldest of entries.keys()) {
    if (totalBytes <= MAX_BYTES) break;
    forget(oldest);
  }
}

/**
 * Changes whenever anything an aggregate reads changes: a scan is created (ids grow with time), finishes or is
 * dead-lettered, a repository is added, removed or edited, a team is added. Each part is one index lookup or a count of
 * a small table. Requests that ask while a check is under way share it.
 */
function dataVersion(): Promise<string> {
  versionInFlight ??= getDb()
    .$queryRaw<Array<{ version: string }>>`
      SELECT concat_ws('|',
        (SELECT max(id) FROM "Scan"),
        (SELECT max("finishedAt") FROM "Scan"),
        (SELECT max("deadLetteredAt") FROM "Scan"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Repository"),
        (SELECT count(*) || ':' || coalesce(max(id), '') FROM "Team")) AS version`
    .then(([row]) => row?.version ?? "")
    .finally(() => {
      versionInFlight = null;
    });
  return versionInFlight;
}
