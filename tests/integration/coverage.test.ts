import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, CoverageUploadDto, ScanDetailDto } from "@/app/_lib/dto";
import { POST as uploadRoute } from "@/app/api/repositories/[id]/coverage/route";
import { GET as getScanRoute } from "@/app/api/scans/[id]/route";
import { getDb } from "@/app/_server/db";
import { call, testAdminToken } from "../helpers/api";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";

useScanWorkers();

/** Lines of the sample fixture: all four statements of src/domain/order.ts ran, two of four in checkout.ts. */
const LCOV = [
  "TN:",
  "SF:/home/runner/work/sample/sample/src/domain/order.ts",
  "DA:7,3",
  "DA:8,3",
  "DA:11,1",
  "DA:12,1",
  "LF:4",
  "LH:4",
  "end_of_record",
  "SF:src/application/checkout.ts",
  "DA:3,1",
  "DA:4,1",
  "DA:5,0",
  "DA:6,0",
  "LF:4",
  "LH:2",
  "end_of_record",
  "",
].join("\n");

const COBERTURA = `<?xml version="1.0" ?>
<coverage line-rate="1" version="1">
  <sources><source>/ci/sample</source></sources>
  <packages><package name="domain"><classes>
    <class name="order.ts" filename="src/domain/order.ts"><lines><line number="8" hits="1"/><line number="12" hits="1"/></lines></class>
  </classes></package></packages>
</coverage>
`;

const ISTANBUL = JSON.stringify({
  "/ci/sample/src/domain/order.ts": {
    path: "/ci/sample/src/domain/order.ts",
    statementMap: { "0": { start: { line: 8, column: 2 }, end: { line: 8, column: 40 } } },
    s: { "0": 1 },
  },
});

const ISTANBUL_SUMMARY = JSON.stringify({
  total: { lines: { total: 4, covered: 4, pct: 100 } },
  "/ci/sample/src/domain/order.ts": { lines: { total: 4, covered: 4, pct: 100 } },
});

interface Upload {
  commit?: string;
  name?: string;
  body: string;
  contentType?: string;
}

/** Posts a report the way CI does: the raw report as the body, the commit in the query. */
async function upload<T>(repositoryId: string, { commit, name, body, contentType = "text/plain" }: Upload): Promise<{ status: number; body: T }> {
  const url = new URL(`http://heimdall.test/api/repositories/${repositoryId}/coverage`);
  if (commit !== undefined) url.searchParams.set("commit", commit);
  if (name !== undefined) url.searchParams.set("name", name);
  const request = new Request(url, { method: "POST", headers: { "content-type": contentType, authorization: `Bearer ${await testAdminToken()}` }, body });
  const response = await uploadRoute(request, { params: Promise.resolve({ id: repositoryId }) });
  return { status: response.status, body: (await response.json()) as T };
}

async function sampleRepository(): Promise<{ id: string; commit: string }> {
  const repo = createFixtureRepo(inject("repoRoot"), "sample");
  const repository = await registerRepo(repo);
  return { id: repository.id, commit: headCommit(repo) };
}

describe("coverage uploads", () => {
  it("hands an uploaded LCOV report to the next scan of its commit: the coverage rule reports the measured figure", async () => {
    const { id, commit } = await sampleRepository();
    const uploaded = await upload<CoverageUploadDto>(id, { commit, body: LCOV });
    expect(uploaded).toMatchObject({ status: 201, body: { repositoryId: id, commitSha: commit, name: "coverage", format: "lcov", bytes: Buffer.byteLength(LCOV) } });

    const scan = await scanAndWait(id);
    expect(scan).toMatchObject({ status: "succeeded", commitSha: commit, duplicateOf: null });
    const rule = await getDb().ruleResult.findUniqueOrThrow({ where: { scanId_ruleId: { scanId: scan.id, ruleId: "coverage" } } });
    // Domain 4 of 4 lines (target 90 %: 100), application 2 of 4 (50 % of a target of 80 %: 62.5); mean by lines 81.25.
    expect(rule.metrics).toMatchObject({ estimated: 0, filesWithCoverage: 2, coveredLines: 6, measurableLines: 8, coveragePercent: 75 });
    expect(rule.score).toBe(81.3);
    const findings = await getDb().finding.findMany({ where: { scanId: scan.id, ruleId: "coverage" } });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/^Line coverage of .*application.* is 50%, below the guide's target of 80%/);
    expect(findings[0]?.message).not.toMatch(/estimated/);
    const detail = await call<ScanDetailDto>(getScanRoute, { params: { id: scan.id } });
    expect(detail.body.rules.find((result) => result.ruleId === "coverage")).toMatchObject({ findingCount: 1 });
  });

  it("recognises Cobertura, Istanbul and Istanbul summary reports", async () => {
    const { id, commit } = await sampleRepository();
    const cases = [
      { body: COBERTURA, format: "cobertura", contentType: "application/xml", name: "cobertura" },
      { body: ISTANBUL, format: "istanbul", contentType: "application/json", name: "istanbul" },
      { body: ISTANBUL_SUMMARY, format: "istanbul-summary", contentType: "application/json", name: "packages/api/coverage" },
    ];
    for (const { body, format, contentType, name } of cases) {
      const uploaded = await upload<CoverageUploadDto>(id, { commit, body, contentType, name });
      expect(uploaded).toMatchObject({ status: 201, body: { format, name } });
    }
    expect(await getDb().coverageReport.count({ where: { repositoryId: id, commitSha: commit } })).toBe(3);
  });

  it("replaces the earlier report when the same commit is uploaded again", async () => {
    const { id, commit } = await sampleRepository();
    expect((await upload(id, { commit, body: LCOV })).status).toBe(201);
    expect((await upload(id, { commit: commit.toUpperCase(), body: COBERTURA, contentType: "application/xml" })).status).toBe(201);
    const stored = await getDb().coverageReport.findMany({ where: { repositoryId: id } });
    expect(stored).toMatchObject([{ commitSha: commit, name: "coverage", format: "cobertura", content: COBERTURA }]);
  });

  describe("refuses bad input and stores nothing", () => {
    it.each([
      { what: "a garbage body", body: "hello, this is not coverage", status: 422, code: "invalid_report", message: /not a coverage report\. Send an LCOV report .*Cobertura XML .*Istanbul JSON/ },
      { what: "an empty body", body: "", status: 422, code: "invalid_report", message: /^The request body is empty\. Send an LCOV report/ },
      { what: "JSON that is no Istanbul report", body: '{"hello":"world"}', status: 422, code: "invalid_report", message: /not a coverage report/ },
      { what: "an LCOV header without records", body: "TN:\nnothing here\n", status: 422, code: "invalid_report", message: /not a coverage report/ },
      { what: "LCOV whose line data sits outside any file record", body: "TN:\nDA:1,1\nSF:src/a.ts\nend_of_record\n", status: 422, code: "invalid_report", message: /not a coverage report/ },
      { what: "a truncated Cobertura report", body: COBERTURA.slice(0, 120), status: 422, code: "invalid_report", message: /not a coverage report/ },
      { what: "a multipart form", body: LCOV, contentType: "multipart/form-data; boundary=x", status: 415, code: "unsupported_media_type", message: /raw request body/ },
    ])("$what → $status", async ({ body, contentType, status, code, message }) => {
      const { id, commit } = await sampleRepository();
      const response = await upload<ApiErrorBody>(id, { commit, body, ...(contentType ? { contentType } : {}) });
      expect(response).toMatchObject({ status, body: { error: { code } } });
      expect(response.body.error.message).toMatch(message);
      expect(await getDb().coverageReport.count()).toBe(0);
    });

    it("a report over 20 MB → 413", async () => {
      const { id, commit } = await sampleRepository();
      const huge = `TN:\nSF:src/domain/order.ts\n${"DA:7,1\n".repeat(3_000_000)}end_of_record\n`;
      const response = await upload<ApiErrorBody>(id, { commit, body: huge });
      expect(response).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
      expect(response.body.error.message).toMatch(/larger than 20 MB/);
      expect(await getDb().coverageReport.count()).toBe(0);
    });

    it("an unknown repository → 404", async () => {
      const response = await upload<ApiErrorBody>("nope", { commit: "a".repeat(40), body: LCOV });
      expect(response).toMatchObject({ status: 404, body: { error: { code: "not_found", message: 'Repository "nope" does not exist.' } } });
      expect(await getDb().coverageReport.count()).toBe(0);
    });

    it.each([
      { what: "a short commit id", commit: "abc1234", message: /commit must be a full 40-character hexadecimal commit id/ },
      { what: "a branch name", commit: "main", message: /commit must be a full 40-character/ },
      { what: "no commit", commit: undefined, message: /commit is required/ },
    ])("$what → 400", async ({ commit, message }) => {
      const { id } = await sampleRepository();
      const response = await upload<ApiErrorBody>(id, { ...(commit === undefined ? {} : { commit }), body: LCOV });
      expect(response).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
      expect(response.body.error.message).toMatch(message);
      expect(await getDb().coverageReport.count()).toBe(0);
    });

    it("a name that leaves the repository → 400", async () => {
      const { id, commit } = await sampleRepository();
      const response = await upload<ApiErrorBody>(id, { commit, name: "../../etc", body: LCOV });
      expect(response).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: expect.stringMatching(/name must be a relative folder path/) } } });
      expect(await getDb().coverageReport.count()).toBe(0);
    });
  });
});
