import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, FindingDetailDto, FindingsPageDto } from "@/app/_lib/dto";
import { GET as getFinding } from "@/app/api/findings/[id]/route";
import { GET as listFindings } from "@/app/api/repositories/[id]/findings/route";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";
import { INJECTION_QUERIES } from "../helpers/query-sources";

useScanWorkers(1);

function findings(repositoryId: string, query: string) {
  return call<FindingsPageDto>(listFindings, { url: `http://heimdall.test/api/repositories/${repositoryId}/findings?${query}`, params: { id: repositoryId } });
}

function finding(id: string) {
  return call<FindingDetailDto & ApiErrorBody>(getFinding, { params: { id } });
}

/** The repository's only counted (not suppressed) finding of `ruleId` in `file` in its latest snapshot. */
async function findingIn(repositoryId: string, ruleId: string, file: string): Promise<string> {
  const { body } = await findings(repositoryId, `rule=${ruleId}&path=${encodeURIComponent(file)}&suppressed=exclude`);
  const [item] = body.items;
  if (!item || body.total !== 1) throw new Error(`expected one ${ruleId} finding in ${file}, got ${body.total}`);
  return item.id;
}

/** A repository scanned twice: before and after the queries above were added. */
async function queriesAddedInSecondSnapshot() {
  const repo = createFixtureRepo(inject("repoRoot"), "sample");
  commitFile(repo, "src/infrastructure/db.ts", 'export const db = { query: (sql: string): unknown => sql };\n', "Add a database");
  const repository = await registerRepo(repo);
  const first = await scanAndWait(repository.id);
  commitFile(repo, "src/infrastructure/queries.ts", INJECTION_QUERIES, "Add queries");
  const second = await scanAndWait(repository.id);
  expect([first.status, second.status]).toEqual(["succeeded", "succeeded"]);
  return { repository, second };
}

describe("GET /api/findings/:id", () => {
  it("gives a finding with its snippet, guide section, rule, how to fix it and whether it is new", async () => {
    const { repository, second } = await queriesAddedInSecondSnapshot();
    const sqlId = await findingIn(repository.id, "injection", "src/infrastructure/queries.ts");
    const { status, body } = await finding(sqlId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ...{ id: sqlId, ruleId: "injection", guideTags: ["OWASP", "VALID"], severity: "error", file: "src/infrastructure/queries.ts", line: 3 },
      ...{ snippet: 'db.query("SELECT * FROM users WHERE id = " + id)', suppressed: null, change: "new" },
      section: { id: "security", number: 8, title: "Security standards" },
      tags: [{ tag: "OWASP", title: "OWASP Top 10 Protection" }, { tag: "VALID", title: "Input Validation" }],
      repository: { id: repository.id, name: repository.name },
      snapshot: { scanId: second.id, commitSha: second.commitSha },
      firstSeen: { scanId: second.id, commitSha: second.commitSha },
    });
    expect(body.rule).toMatchObject({ weight: expect.any(Number), score: expect.any(Number), findingCount: 1, description: expect.any(String) });
    expect(body.rule.guidance?.guide).toContain("OWASP Top 10 protection");
    expect(body.rule.guidance?.howToFix[0]).toMatch(/^Pass values as query parameters; .*`\/\/ heimdall-ignore injection -- table name comes from the enum above`\.$/);
  });

  it("says why a finding is suppressed, and which snapshot first had it", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    commitFile(repo, "src/infrastructure/queries.ts", INJECTION_QUERIES, "Add queries");
    const repository = await registerRepo(repo);
    const first = await scanAndWait(repository.id);
    commitFile(repo, "src/domain/extra.ts", "/** One more. */\nexport const extra = 1;\n", "Add a constant");
    await scanAndWait(repository.id);

    const { body: page } = await findings(repository.id, "rule=injection&suppressed=only");
    const evalId = page.items[0]?.id ?? "";
    const { status, body } = await finding(evalId);
    expect(status).toBe(200);
    expect(body).toMatchObject({ line: 7, snippet: "eval(code)", change: null, firstSeen: { scanId: first.id } });
    expect(body.suppressed).toEqual({ kind: "inline", reason: "the admin console evaluates its own expressions", line: 6 });
    const { body: sql } = await finding(await findingIn(repository.id, "injection", "src/infrastructure/queries.ts"));
    expect([sql.change, sql.firstSeen?.scanId]).toEqual(["unchanged", first.id]);
  });

  it("answers 404 for an unknown finding and 400 for a malformed id", async () => {
    const unknown = await finding("00000000-0000-4000-8000-000000000000");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    expect(unknown.body.error.message).toBe('Finding "00000000-0000-4000-8000-000000000000" does not exist.');
    for (const id of ["../scans/x", "a b", "x".repeat(65), ""]) {
      const malformed = await finding(id);
      expect([id, malformed.status, malformed.body.error.code]).toEqual([id, 400, "invalid_request"]);
    }
  });
});
