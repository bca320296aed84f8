import { createHash } from "node:crypto";
import { z } from "zod";
import { detectCoverageFormat, type AnalysisInputs } from "../../../analyzers";
import type { CoverageFormatDto, CoverageUploadDto } from "../../_lib/dto";
import { getDb } from "../db";
import { AppError, notFound } from "../errors";

/** The largest coverage report an upload may carry. */
export const MAX_COVERAGE_BYTES = 20 * 1024 * 1024;

/** What the 422 answer names: the formats the coverage rule reads. */
export const ACCEPTED_COVERAGE_FORMATS =
  "an LCOV report (lcov.info), a Cobertura XML report (coverage.xml) or an Istanbul JSON report (coverage-final.json or coverage-summary.json)";

/** The file name the coverage rule recognises for each format, so it reads the report as the format sniffed here. */
const REPORT_FILES: Readonly<Record<CoverageFormatDto, string>> = {
  lcov: "lcov.info",
  cobertura: "cobertura-coverage.xml",
  istanbul: "coverage-final.json",
  "istanbul-summary": "coverage-summary.json",
};

/** A folder name: letters, digits, `.`, `_` and `-`, but not `.` or `..`. */
const SEGMENT = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

const targetSchema = z.object({
  commit: z
    .string({ error: "commit is required: the full 40-character id of the commit the report was made for (?commit=<sha>)." })
    .trim()
    .toLowerCase()
    .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, "commit must be a full 40-character hexadecimal commit id."),
  name: z
    .string()
    .max(200, "name must be at most 200 characters.")
    .refine((name) => name.split("/").every((segment) => SEGMENT.test(segment)), "name must be a relative folder path such as packages/api/coverage.")
    .default("coverage"),
});

/** Where an uploaded report belongs: a repository, a commit and a name (the folder the report was written in). */
export interface CoverageTarget {
  repositoryId: string;
  commitSha: string;
  name: string;
}

/** Validates `?commit=<sha>&name=<folder>` (400) and that the repository exists (404), before any body is read. */
export async function coverageTarget(repositoryId: string, query: URLSearchParams): Promise<CoverageTarget> {
  const { commit, name } = targetSchema.parse({ commit: query.get("commit") ?? undefined, name: query.get("name") ?? undefined });
  const exists = await getDb().repository.count({ where: { id: repositoryId } });
  if (!exists) throw notFound("Repository", repositoryId);
  return { repositoryId, commitSha: commit, name };
}

/**
 * Stores a report for the next scan of its commit; a report already stored under the same commit and name is replaced.
 * Content that is no coverage report is refused (422) and nothing is stored.
 */
export async function storeCoverageReport(target: CoverageTarget, content: string): Promise<CoverageUploadDto> {
  const format = sniffCoverageFormat(content);
  if (!format) {
    const problem = content.trim() === "" ? "The request body is empty" : "The request body is not a coverage report";
    throw new AppError("invalid_report", `${problem}. Send ${ACCEPTED_COVERAGE_FORMATS} as the raw request body.`);
  }
  const bytes = Buffer.byteLength(content, "utf8");
  const values = { format, content, bytes, digest: sha256(content), uploadedAt: new Date() };
  const { repositoryId, commitSha, name } = target;
  const stored = await getDb().coverageReport.upsert({
    where: { repositoryId_commitSha_name: { repositoryId, commitSha, name } },
    create: { repositoryId, commitSha, name, ...values },
    update: values,
    select: { uploadedAt: true },
  });
  return { repositoryId, commitSha, name, format, bytes, uploadedAt: stored.uploadedAt.toISOString() };
}

/** The report's format (the coverage rule's own detection and parser decide), or null when it is none of them. */
export function sniffCoverageFormat(content: string): CoverageFormatDto | null {
  return content.includes("\u0000") ? null : detectCoverageFormat(content);
}

/** Reports uploaded for a commit, as the engine takes them, and a digest of them (null when there are none). */
export interface ScanInputs {
  inputs: AnalysisInputs;
  digest: string | null;
}

/**
 * The coverage reports uploaded for a commit, for the scan of that commit. The digest covers each report's name,
 * format and content, so a new upload makes the next scan of the commit a new snapshot.
 */
export async function scanInputsFor(repositoryId: string, commitSha: string): Promise<ScanInputs> {
  const reports = await getDb().coverageReport.findMany({ where: { repositoryId, commitSha }, orderBy: { name: "asc" } });
  if (reports.length === 0) return { inputs: {}, digest: null };
  return {
    inputs: { coverageReports: reports.map((report) => ({ name: reportPath(report.name, report.format), content: report.content })) },
    digest: sha256(reports.map((report) => `${report.name}\u0000${report.format}\u0000${report.digest}`).join("\n")),
  };
}

/** The report's path in the repository: relative file names in it are resolved from its folder. */
function reportPath(name: string, format: string): string {
  const file = isCoverageFormat(format) ? REPORT_FILES[format] : REPORT_FILES.lcov;
  return name === file || name.endsWith(`/${file}`) ? name : `${name}/${file}`;
}

function isCoverageFormat(value: string): value is CoverageFormatDto {
  return Object.hasOwn(REPORT_FILES, value);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
