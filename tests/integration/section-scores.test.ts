// Section scores stored with each snapshot (services/dashboard/section-scores.ts) against the same numbers computed
// from rule results: the team overview must give the same answer from either, and a scan stores them as it saves.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TeamOverviewDto } from "@/app/_lib/dto";
import { getDb } from "@/app/_server/db";
import { fillMissingSectionScores } from "@/app/_server/services/dashboard/section-scores";
import { getTeamOverview } from "@/app/_server/services/dashboard/team-overview";
import { seedOrganisation } from "@/prisma/seed/demo";
import { useDatabaseClient } from "../helpers/pg-client";

const SEED = { seed: "section-scores-test", teams: 2, repositories: 4, weeks: 8, detailedWeeks: 2, detailEvery: 0, failureRate: 0.1, duplicateRate: 0.1, staleRepositories: 0, failingRepositories: 0 };

const database = useDatabaseClient();

// Every request recomputes: the comparison is between two ways of computing, not between a result and its cached copy.
let cacheSeconds: string | undefined;
beforeEach(() => {
  cacheSeconds = process.env.HEIMDALL_DASHBOARD_CACHE_SECONDS;
  process.env.HEIMDALL_DASHBOARD_CACHE_SECONDS = "0";
});
afterEach(() => {
  if (cacheSeconds === undefined) delete process.env.HEIMDALL_DASHBOARD_CACHE_SECONDS;
  else process.env.HEIMDALL_DASHBOARD_CACHE_SECONDS = cacheSeconds;
});

async function overviews(slugs: string[], now: Date): Promise<TeamOverviewDto[]> {
  return Promise.all(slugs.map((slug) => getTeamOverview(slug, new URLSearchParams({ range: "12w" }), now)));
}

describe("stored section scores", () => {
  it("are stored for every seeded snapshot and give the team overview the answer computed from rule results", async () => {
    const now = new Date();
    const seeded = await seedOrganisation(database.client, { ...SEED, now }, { collect: true });
    const slugs = (seeded.teams ?? []).map((team) => team.slug);
    const missing = await database.client.query<{ n: string }>(`SELECT count(*) AS n FROM "Scan" WHERE status = 'succeeded' AND "duplicateOfId" IS NULL AND "sectionScores" IS NULL`);
    expect(Number(missing.rows[0]?.n)).toBe(0);
    const stored = await overviews(slugs, now);
    expect(stored.some((overview) => overview.sections.length > 0 && overview.suppressions.some((point) => point.findings > 0))).toBe(true);

    // The same question with nothing stored takes the rule-result path.
    const cleared = await database.client.query(`UPDATE "Scan" SET "sectionScores" = NULL WHERE "sectionScores" IS NOT NULL`);
    expect(cleared.rowCount).toBeGreaterThan(10);
    const computed = await overviews(slugs, now);
    expect(computed).toEqual(stored);

    // Filling stores exactly what was cleared, and the answer is the stored one again.
    expect(await fillMissingSectionScores()).toBe(cleared.rowCount);
    expect(await overviews(slugs, now)).toEqual(stored);

    // Half stored, half not (a start-up fill under way): still the same answer.
    const half = await database.client.query(
      `UPDATE "Scan" SET "sectionScores" = NULL WHERE id IN (SELECT id FROM "Scan" WHERE "sectionScores" IS NOT NULL ORDER BY id LIMIT (SELECT count(*) / 2 FROM "Scan" WHERE "sectionScores" IS NOT NULL))`,
    );
    expect(half.rowCount).toBeGreaterThan(5);
    expect(await overviews(slugs, now)).toEqual(stored);
    expect(await fillMissingSectionScores()).toBe(half.rowCount);
    expect(await fillMissingSectionScores()).toBe(0);
  });

  it("differ from the computed ones when a stored value is wrong — the overview reads them", async () => {
    const now = new Date();
    const seeded = await seedOrganisation(database.client, { ...SEED, now }, { collect: true });
    const slug = seeded.teams?.[0]?.slug ?? "";
    const [before] = await overviews([slug], now);
    await getDb().$executeRawUnsafe(`UPDATE "Scan" SET "sectionScores" = jsonb_set("sectionScores", '{testing,0}', '0') WHERE "sectionScores" ? 'testing'`);
    const [after] = await overviews([slug], now);
    expect(after?.trend.at(-1)?.sections.testing).toBe(0);
    expect(before?.trend.at(-1)?.sections.testing).not.toBe(0);
  });
});
