import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import {
  checklistScore, headingsOf, lineOfJsonKey, readPackageJson, readRepoFile, type Check, type Heading, type PackageJson,
} from "../../source/repo-files";

const CHANGELOG_NAME = /^(?:changelog|change[-_]log|changes|history|news|releases)(?:\.(?:md|markdown|txt|rst))?$/i;
/** A heading that names a version: a number with a dot, or a number after `v`, `Version` or `Release`. */
const VERSION_HEADING = /^\[?\s*(?:(v|version|release)\s*)?(\d[\w.+-]*)/i;
/** semver.org's own regular expression: MAJOR.MINOR.PATCH, optional pre-release and build metadata. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** Release headings sit at the top levels; `### Fixed` and deeper are the parts of a release. */
const MAX_RELEASE_LEVEL = 3;

const options = z.strictObject({
  /** Only the newest release headings are judged: releases from before a project adopted semantic versioning stay as written. */
  recentReleases: z.number().int().min(1).default(50),
});

interface Release {
  heading: Heading;
  version: string;
}

/** `[VERS]`: semantic versions in the changelog's release headings and in package.json. */
export const versioning = defineAnalyzer({
  meta: {
    id: "versioning",
    guideTags: ["VERS"],
    section: "devops",
    description: "A CHANGELOG whose release headings are semantic versions, and a semantic version in package.json.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of the checks passed (a changelog with releases, each of its newest release headings a semantic version, a semantic package.json version), in percent.",
  },
  collect: () => null,
  combine({ root, repositoryFiles, options: { recentReleases } }) {
    const changelog = findChangelog(repositoryFiles);
    const text = changelog === null ? null : readRepoFile(root, changelog);
    const releases = text === null ? [] : releasesIn(text, (changelog ?? "").toLowerCase().endsWith(".rst"));
    const checks: Check[] = [{ findings: changelogFindings(changelog, text, releases) }];
    const recent = releases.slice(0, recentReleases);
    if (recent.length > 0) checks.push({ findings: recent.filter((release) => !SEMVER.test(release.version)).map((release) => nonSemverHeading(changelog ?? "", release)) });
    const packageCheck = packageVersionCheck(readPackageJson(root));
    if (packageCheck) checks.push(packageCheck);
    return {
      findings: checks.flatMap((check) => check.findings),
      metrics: { changelog: text === null ? 0 : 1, releases: releases.length, checks: checks.length },
      score: (active) => checklistScore(checks, active),
    };
  },
});

function findChangelog(repositoryFiles: readonly string[]): string | null {
  const candidates = repositoryFiles.filter((file) => !file.includes("/") && CHANGELOG_NAME.test(file));
  // CHANGELOG before CHANGES, HISTORY and the rest; Markdown before other formats.
  const rank = (file: string) => (/^changelog/i.test(file) ? 0 : 2) + (/\.(?:md|markdown)$/i.test(file) ? 0 : 1);
  return candidates.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** Headings that name a version; `[Unreleased]`, the title and section headings name none. */
function releasesIn(text: string, isRst: boolean): Release[] {
  return headingsOf(text, isRst ? "rst" : "markdown").flatMap((heading) => {
    const match = heading.level <= MAX_RELEASE_LEVEL ? VERSION_HEADING.exec(heading.text) : null;
    const version = match?.[2]?.replace(/[.+-]+$/, "");
    return version && (match?.[1] || version.includes(".")) ? [{ heading, version }] : [];
  });
}

function changelogFindings(file: string | null, text: string | null, releases: readonly Release[]): FindingDraft[] {
  if (file === null || text === null) {
    const message = 'The repository has no CHANGELOG: add a CHANGELOG.md with one "## [x.y.z] - date" heading per release so users see what each semantic version changed.';
    return [{ file: "CHANGELOG.md", line: 1, endLine: 1, message, identity: ["no-changelog"] }];
  }
  if (releases.length > 0) return [];
  const message = `${file} has no release heading: give each release a heading with its semantic version, e.g. "## [1.2.0] - 2026-01-01".`;
  return [{ file, line: 1, endLine: 1, message, identity: ["no-releases"] }];
}

function nonSemverHeading(file: string, { heading, version }: Release): FindingDraft {
  return {
    file,
    line: heading.line,
    endLine: heading.line,
    message: `Release heading "${heading.text.slice(0, 80)}" is not a semantic version: name the release MAJOR.MINOR.PATCH, e.g. "## [${fullVersion(version)}] - 2026-01-01".`,
    identity: ["non-semver-heading", version],
  };
}

/** `1.2` → `1.2.0`, `v2` → `2.0.0`, `3.0.0rc5` → `3.0.0-rc5`: the nearest semantic version, for the message's example. */
function fullVersion(version: string): string {
  const numbers = (/^\d+(?:\.\d+)*/.exec(version)?.[0] ?? "1").split(".").slice(0, 3);
  while (numbers.length < 3) numbers.push("0");
  const preRelease = /^\d+(?:\.\d+){2}([A-Za-z][0-9A-Za-z.]*)$/.exec(version)?.[1];
  return `${numbers.map(Number).join(".")}${preRelease ? `-${preRelease}` : ""}`;
}

/** A published package needs a semantic version; a private one without any version is not judged. */
function packageVersionCheck(pkg: PackageJson | null): Check | null {
  if (pkg === null) return null;
  const version = pkg.data.version;
  if (version === undefined && pkg.data.private === true) return null;
  if (typeof version === "string" && SEMVER.test(version.trim())) return { findings: [] };
  const line = version === undefined ? 1 : lineOfJsonKey(pkg.text, "version");
  const message = version === undefined
    ? 'package.json has no version: add a "version" in MAJOR.MINOR.PATCH form (e.g. "1.0.0") and raise it with each release.'
    : `package.json version "${String(version).slice(0, 40)}" is not a semantic version: use MAJOR.MINOR.PATCH, e.g. "${fullVersion(String(version))}".`;
  return { findings: [{ file: "package.json", line, endLine: line, message, identity: ["package-version"] }] };
}
