import { afterAll, beforeEach, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.HEIMDALL_LOCAL_REPO_ROOTS = inject("repoRoot");
process.env.HEIMDALL_DATA_DIR = inject("dataDir");
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "silent";
process.env.HEIMDALL_SCAN_RETRY_DELAY_SECONDS = "1";

const { getDb, disconnectDb } = await import("@/app/_server/db");
const { stopProducer } = await import("@/app/_server/queue/boss");

/** Every test starts from empty tables (pg-boss keeps its own schema). */
beforeEach(async () => {
  await getDb().$executeRawUnsafe('TRUNCATE "Finding", "RuleResult", "Scan", "Repository", "Team", "User", "Session", "ApiToken", "AuditEvent", "SignInFailure", "SetupToken", "Webhook", "QualityGate" CASCADE');
  await getDb().$executeRawUnsafe("DELETE FROM pgboss.job").catch(() => undefined);
});

afterAll(async () => {
  await stopProducer();
  await disconnectDb();
});
