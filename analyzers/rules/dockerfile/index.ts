import path from "node:path";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { checklistScore, lineOfJsonKey, packageScripts, readPackageJson, readRepoFile, type Check } from "../../source/repo-files";
import { isTestFile } from "../../source/roles";
import { instructionsOf, stagesOf, type Stage } from "./instructions";

/** `Dockerfile`, `Dockerfile.api`, `api.Dockerfile`, `Containerfile`. */
const DOCKERFILE_NAME = /^(?:docker|container)file(?:[.-].+)?$|\.(?:docker|container)file$/i;
/** Images for development, tests or CI are not shipped: `Dockerfile.dev`, `test.Dockerfile`, `.devcontainer/`. */
const NOT_SHIPPED = /(?:^|[.-])(?:dev|develop|development|test|tests|ci|local|debug)(?:[.-]|$)/i;
const ROOT_USER = /^(?:root|0)(?::.*)?$/i;
/** Images built to run unprivileged (distroless `:nonroot`, Chainguard, rootless variants). */
const NON_ROOT_IMAGE = /non-?root|rootless|chainguard/i;

const options = z.strictObject({
  /** An application (package.json with a `start` script) without any Dockerfile is a finding; libraries never are. */
  requireForApplications: z.boolean().default(true),
});

/** `[DOCKER]`: pinned base images, a non-root user and a health check in every shipped Dockerfile. */
export const dockerfile = defineAnalyzer({
  meta: {
    id: "dockerfile",
    guideTags: ["DOCKER"],
    section: "devops",
    description: "Dockerfiles whose final stage runs as a non-root user with a HEALTHCHECK, from pinned base images; applications without one.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of the checks passed (pinned base images, non-root user, health check) over all Dockerfiles, in percent; 0 for an application without one, not applicable otherwise.",
  },
  collect: () => null,
  combine({ root, repositoryFiles, options: { requireForApplications } }) {
    const files = repositoryFiles.filter(isShippedDockerfile);
    const checks = files.flatMap((file) => checksOf(file, readRepoFile(root, file) ?? ""));
    const missing = files.length === 0 && requireForApplications ? missingDockerfile(root) : null;
    if (missing) checks.push({ findings: [missing] });
    return {
      findings: checks.flatMap((check) => check.findings),
      metrics: { dockerfiles: files.length },
      score: (active) => checklistScore(checks, active),
    };
  },
});

function isShippedDockerfile(file: string): boolean {
  const name = path.posix.basename(file);
  const withoutKind = name.replace(/(?:docker|container)file/i, "");
  return DOCKERFILE_NAME.test(name) && !NOT_SHIPPED.test(withoutKind) && !file.split("/").includes(".devcontainer") && !isTestFile(file);
}

/** Three checks per Dockerfile: every base image pinned, a non-root user and a health check in the final stage. */
function checksOf(file: string, text: string): Check[] {
  const stages = stagesOf(instructionsOf(text));
  const final = stages.at(-1);
  if (!final) return [];
  const aliases = new Set(stages.flatMap((stage) => (stage.alias ? [stage.alias.toLowerCase()] : [])));
  return [
    { findings: stages.flatMap((stage) => unpinned(file, stage, aliases)) },
    { findings: userFindings(file, final, stages) },
    { findings: healthcheckFindings(file, final, stages) },
  ];
}

function unpinned(file: string, stage: Stage, aliases: ReadonlySet<string>): FindingDraft[] {
  const image = stage.image;
  const lower = image.toLowerCase();
  if (lower === "scratch" || aliases.has(lower) || image.includes("$") || image.includes("@")) return [];
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  const tag = colon > slash ? image.slice(colon + 1) : null;
  if (tag !== null && tag.toLowerCase() !== "latest") return [];
  const problem = tag === null ? `Base image "${image}" has no tag` : `Base image "${image}" uses the latest tag`;
  const line = stage.from.line;
  return [{ file, line, endLine: line, message: `${problem}: pin a version (e.g. node:20.11-alpine) or a digest so every build starts from the same image.`, identity: ["unpinned", image] }];
}

/** The stage's own instruction, else the one of the earlier stage it is built from (`FROM builder`). */
function inherited(stage: Stage, stages: readonly Stage[], pick: (stage: Stage) => Stage["user"]): Stage["user"] {
  let current: Stage | undefined = stage;
  for (let hops = 0; current && hops < stages.length; hops += 1) {
    const own = pick(current);
    if (own) return own;
    const base: string = current.image.toLowerCase();
    current = stages.find((candidate) => candidate !== current && candidate.alias?.toLowerCase() === base);
  }
  return null;
}

function userFindings(file: string, final: Stage, stages: readonly Stage[]): FindingDraft[] {
  const user = inherited(final, stages, (stage) => stage.user);
  if (user && !ROOT_USER.test(user.args.trim())) return [];
  if (!user && NON_ROOT_IMAGE.test(final.image)) return [];
  const line = user?.line ?? final.from.line;
  const message = user
    ? `USER ${user.args.trim()} makes the container run as root: switch to an unprivileged user (e.g. USER node) in the final stage.`
    : `The final stage of ${path.posix.basename(file)} runs as root: create an unprivileged user and add a USER instruction (e.g. USER node) before CMD.`;
  return [{ file, line, endLine: line, message, identity: ["root-user"] }];
}

function healthcheckFindings(file: string, final: Stage, stages: readonly Stage[]): FindingDraft[] {
  const healthcheck = inherited(final, stages, (stage) => stage.healthcheck);
  if (healthcheck && !/^none\b/i.test(healthcheck.args.trim())) return [];
  const line = healthcheck?.line ?? final.from.line;
  const message = healthcheck
    ? "HEALTHCHECK NONE turns the health check off: declare one (e.g. HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1) so the runtime can replace a sick container."
    : `The final stage of ${path.posix.basename(file)} has no HEALTHCHECK: add one (e.g. HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1) so the runtime can replace a sick container.`;
  return [{ file, line, endLine: line, message, identity: ["healthcheck"] }];
}

/** An application (package.json with a start script) that ships no container image. */
function missingDockerfile(root: string): FindingDraft | null {
  const pkg = readPackageJson(root);
  if (!pkg || packageScripts(pkg).start === undefined) return null;
  const line = lineOfJsonKey(pkg.text, "start", lineOfJsonKey(pkg.text, "scripts"));
  return {
    file: "package.json",
    line,
    endLine: line,
    message: "The application (package.json has a start script) has no Dockerfile: add one with a pinned base image, a non-root USER and a HEALTHCHECK so it runs the same everywhere.",
    identity: ["no-dockerfile"],
  };
}
