import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { isCommentLine, isTestCommandLine, packageScripts, readPackageJson, readRepoFile, scriptsRunBy } from "../../source/repo-files";

/** Pipeline definitions of the common CI services, and scripts in `.ci/` that a CI machine runs. */
const WORKFLOW_FILE = new RegExp(
  "^(?:\\.github/workflows/[^/]+\\.ya?ml|\\.gitlab-ci\\.ya?ml|\\.gitlab/ci/.+\\.ya?ml|\\.circleci/config\\.ya?ml|azure-pipelines\\.ya?ml" +
    "|Jenkinsfile|\\.drone\\.ya?ml|bitbucket-pipelines\\.ya?ml|\\.travis\\.ya?ml|\\.?appveyor\\.ya?ml|\\.buildkite/pipeline\\.ya?ml" +
    "|\\.woodpecker\\.ya?ml|\\.woodpecker/[^/]+\\.ya?ml|cloudbuild\\.ya?ml|\\.ci/.+)$",
);
/** How deep `npm run ci` → `npm run verify` → `vitest run` is followed through package.json scripts. */
const MAX_SCRIPT_DEPTH = 3;
const SCORE_WITHOUT_TESTS = 50;

const options = z.strictObject({
  /** More commands that run the test suite here (regular expressions), e.g. `"\\./scripts/check\\.sh"`. */
  extraTestCommands: z.array(z.string().refine(isRegExp, "must be a valid regular expression")).default([]),
});

/** `[CI/CD]`: a CI pipeline that runs the test suite. */
export const ciPipeline = defineAnalyzer({
  meta: {
    id: "ci-pipeline",
    guideTags: ["CI/CD"],
    section: "devops",
    description: "A CI pipeline (GitHub Actions, GitLab CI, CircleCI, Jenkins and others) that runs the test suite.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "100 with a CI workflow that runs the tests, 50 with workflows that run none, 0 without any workflow.",
  },
  collect: () => null,
  combine({ root, repositoryFiles, options: { extraTestCommands } }) {
    const workflows = repositoryFiles.filter((file) => WORKFLOW_FILE.test(file));
    const isTestCommand = testCommandMatcher(packageScripts(readPackageJson(root)), extraTestCommands.map((pattern) => new RegExp(pattern)));
    const testing = workflows.filter((file) => commandsOf(readRepoFile(root, file) ?? "").some(isTestCommand));
    const finding = workflows.length === 0 ? noWorkflow() : testing.length === 0 ? noTests(workflows) : null;
    const failedScore = workflows.length === 0 ? 0 : SCORE_WITHOUT_TESTS;
    return {
      findings: finding ? [finding] : [],
      metrics: { workflows: workflows.length, testingWorkflows: testing.length },
      score: (active) => (finding && active.includes(finding) ? failedScore : 100),
    };
  },
});

/** Lines without comments: whole comment lines dropped, a trailing ` # note` cut off. */
function commandsOf(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => !isCommentLine(line)).map((line) => line.replace(/\s#.*$/, ""));
}

function isRegExp(pattern: string): boolean {
  try {
    return new RegExp(pattern) instanceof RegExp;
  } catch {
    return false;
  }
}

/** A line runs the tests directly, or through package.json scripts that do (followed a few levels deep). */
function testCommandMatcher(scripts: Readonly<Record<string, string>>, extra: readonly RegExp[]): (line: string) => boolean {
  const matches = (line: string, depth: number): boolean =>
    isTestCommandLine(line) ||
    extra.some((pattern) => pattern.test(line)) ||
    (depth < MAX_SCRIPT_DEPTH && scriptsRunBy(line, scripts).some((name) => matches(scripts[name] ?? "", depth + 1)));
  return (line) => matches(line, 0);
}

function noWorkflow(): FindingDraft {
  return {
    file: ".github/workflows/ci.yml",
    line: 1,
    endLine: 1,
    message: "The repository has no CI workflow: add one (e.g. .github/workflows/ci.yml) that installs the dependencies and runs the tests on every push and pull request.",
    identity: ["no-workflow"],
  };
}

function noTests(workflows: readonly string[]): FindingDraft {
  return {
    file: workflows[0] ?? ".github/workflows/ci.yml",
    line: 1,
    endLine: 1,
    message: `None of the ${workflows.length} CI workflow(s) runs the tests: add a step that runs the test suite (e.g. "npm test") so every change is verified before it merges.`,
    identity: ["no-test-step"],
  };
}
