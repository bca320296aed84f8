import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { readPackageJson, readRepoFile, type PackageJson } from "../../source/repo-files";

/** `LICENSE`, `LICENCE.md`, `LICENSE-MIT`, `COPYING.txt`, `UNLICENSE` at the root. */
const LICENSE_NAME = /^(?:licen[cs]e|copying|unlicense)(?:[-_.][\w.-]+)?$/i;

const options = z.strictObject({});

/** A stated license (the guide's README template ends with one, linking LICENSE). */
export const license = defineAnalyzer({
  meta: {
    id: "license",
    guideTags: ["README"],
    section: "documentation",
    description: "A license: a LICENSE or COPYING file at the root, or a license field in package.json.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "100 when the repository states its license (a LICENSE or COPYING file, or package.json's license field), 0 otherwise.",
  },
  collect: () => null,
  combine({ root, repositoryFiles }) {
    const files = repositoryFiles.filter((file) => !file.includes("/") && LICENSE_NAME.test(file) && (readRepoFile(root, file, 1024) ?? "").trim() !== "");
    const declared = declaredLicense(readPackageJson(root));
    const finding: FindingDraft | null = files.length > 0 || declared !== null ? null : {
      file: "LICENSE",
      line: 1,
      endLine: 1,
      message: "The repository states no license: add a LICENSE file (and a \"license\" field in package.json, e.g. \"MIT\" or \"UNLICENSED\" for private code) so others know how they may use it.",
      identity: ["no-license"],
    };
    return {
      findings: finding ? [finding] : [],
      metrics: { licenseFiles: files.length, packageLicense: declared === null ? 0 : 1 },
      score: (active) => (finding && active.includes(finding) ? 0 : 100),
    };
  },
});

/** package.json's `license` (an SPDX expression or UNLICENSED), or the deprecated `licenses` array / `{ type }` object. */
function declaredLicense(pkg: PackageJson | null): string | null {
  const field = pkg?.data.license ?? pkg?.data.licenses;
  const first: unknown = Array.isArray(field) ? field[0] : field;
  const value = typeof first === "object" && first !== null && "type" in first ? first.type : first;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
