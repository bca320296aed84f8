import { describe, expect, inject, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { getDb } from "@/app/_server/db";
import type { HealthReport } from "@/app/_server/services/health";
import { createFixtureRepo } from "../helpers/git-fixture";

async function check(): Promise<{ status: number; body: HealthReport }> {
  const response = await health();
  return { status: response.status, body: (await response.json()) as HealthReport };
}

describe("GET /api/health", () => {
  it("reports database, queue and disk as healthy against a real PostgreSQL", async () => {
    const { status, body } = await check();
    expect(status).toBe(200);
    expect(body.status).toBe("healthy");
    expect(Object.keys(body.checks).sort()).toEqual(["database", "disk", "queue"]);
    for (const result of Object.values(body.checks)) expect(result.status).toBe("healthy");
  });

  it("is degraded, still 200, when scans have waited long enough to suggest no worker runs", async () => {
    const team = await getDb().team.create({ data: { slug: "t", name: "T" } });
    const repository = await getDb().repository.create({ data: { teamId: team.id, name: "r", url: createFixtureRepo(inject("repoRoot"), "sample") } });
    await getDb().scan.create({ data: { repositoryId: repository.id, queuedAt: new Date(Date.now() - 3_600_000) } });
    const { status, body } = await check();
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.checks.queue?.message).toMatch(/is a worker running/);
  });
});
