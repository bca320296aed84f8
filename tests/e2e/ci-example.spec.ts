// The GitHub Actions example (docs/ci/github-actions.yml), run for real: its Heimdall steps' `run:` scripts exactly as
// written, each with bash as GitHub runs them (`bash --noprofile --norc -eo pipefail`), against the running e2e Heimdall
// (its worker scans), with a team token made by `npm run admin -- token create`. GitHub's `${{ … }}` expressions are
// filled in from the secrets and variables a repository would set, and $GITHUB_ENV carries values between steps.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse } from "yaml";
import type { RepositoryDto } from "../../app/_lib/dto";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { csrfHeaders } from "./auth";
import { e2eDatabaseUrl } from "./demo-seed";
import { E2E_PORT, E2E_REPO_ROOT } from "./paths";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; defaults?: { run?: { shell?: string } }; steps: Step[] }>;
}

const WORKFLOW = path.resolve("docs/ci/github-actions.yml");

/** All of the domain layer's lines ran, half of the application layer's (the sample fixture). */
const LCOV = ["TN:", "SF:src/domain/order.ts", "DA:7,3", "DA:8,3", "DA:11,1", "DA:12,1", "end_of_record", "SF:src/application/checkout.ts", "DA:3,1", "DA:4,1", "DA:5,0", "DA:6,0", "end_of_record", ""].join("\n");

/** `${{ secrets.X }}` and friends, from what the repository's settings would hold; an unknown expression fails the test. */
function expand(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const value = context[expression];
    if (value === undefined) throw new Error(`the workflow uses \${{ ${expression} }}, which this test does not provide`);
    return value;
  });
}

function expandAll(values: Record<string, string> | undefined, context: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [name, expand(String(value), context)]));
}

/** `NAME=value` lines a step appended to $GITHUB_ENV. */
function readGithubEnv(file: string): Record<string, string> {
  const lines = readFileSync(file, "utf8").split("\n").filter((line) => line.includes("="));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

interface WorkflowRun {
  code: number;
  output: string;
  failedStep: string | null;
}

/** Runs the job's Heimdall steps in `checkout` (the repository as actions/checkout leaves it) until one fails. */
function runHeimdallSteps(context: Record<string, string>, checkout: string): WorkflowRun {
  const workflow = parse(readFileSync(WORKFLOW, "utf8")) as Workflow;
  const job = workflow.jobs["quality-gate"];
  if (!job) throw new Error("the workflow has no quality-gate job");
  const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-ci-"));
  const githubEnv = path.join(scratch, "github_env");
  writeFileSync(githubEnv, "");
  // A clean environment like a runner's: nothing of this test process's (DATABASE_URL…) leaks into the steps.
  let env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: scratch,
    GITHUB_ENV: githubEnv,
    // The scripts read it with a default of 5 s; a second keeps the test short.
    HEIMDALL_POLL_SECONDS: "1",
    ...expandAll(workflow.env, context),
    ...expandAll(job.env, context),
  };
  let output = "";
  for (const step of job.steps.filter((candidate) => candidate.name?.startsWith("Heimdall:"))) {
    const script = path.join(scratch, "step.sh");
    writeFileSync(script, expand(step.run ?? "", context));
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: checkout, env: { ...env, ...expandAll(step.env, context) } as NodeJS.ProcessEnv, encoding: "utf8", timeout: 300_000 });
    output += `## ${step.name}\n${result.stdout}${result.stderr}`;
    if (result.status !== 0) return { code: result.status ?? 1, output, failedStep: step.name ?? null };
    env = { ...env, ...readGithubEnv(githubEnv) };
  }
  return { code: 0, output, failedStep: null };
}

/** `npm run admin -- token create …` against the e2e database; the token is the last line printed. */
function createTeamToken(team: string): string {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const printed = execFileSync(process.execPath, [tsx, "scripts/admin.ts", "token", "create", "--team", team, "--scope", "scan,coverage,gate", "--name", "github-actions"], {
    env: { ...inherited, DATABASE_URL: e2eDatabaseUrl(), LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 120_000,
  });
  const token = printed.trim().split("\n").at(-1) ?? "";
  expect(token).toMatch(/^hmd_/);
  return token;
}

async function putGate(request: APIRequestContext, team: string, gate: Record<string, unknown>): Promise<void> {
  const response = await request.put(`/api/teams/${team}/gate`, { data: gate, headers: await csrfHeaders(request) });
  expect(response.status(), await response.text()).toBe(200);
}

test("the GitHub Actions example uploads coverage, scans, waits and passes or fails the job on the gate", async ({ request }) => {
  const checkout = createFixtureRepo(E2E_REPO_ROOT, "sample");
  const registered = await request.post("/api/repositories", { data: { url: checkout, team: "CI Example", schedule: null }, headers: await csrfHeaders(request) });
  expect(registered.status(), await registered.text()).toBe(201);
  const repository = (await registered.json()) as RepositoryDto;
  const context = {
    "secrets.HEIMDALL_URL": `http://127.0.0.1:${E2E_PORT}`,
    "secrets.HEIMDALL_TOKEN": createTeamToken(repository.team.slug),
    "vars.HEIMDALL_REPOSITORY_ID": repository.id,
    "github.sha": headCommit(checkout),
  };
  // What the "Test with coverage" step leaves in the checkout.
  mkdirSync(path.join(checkout, "coverage"), { recursive: true });
  writeFileSync(path.join(checkout, "coverage", "lcov.info"), LCOV);

  await putGate(request, repository.team.slug, { minScore: 10, noNewErrors: true, coverageByLayer: { domain: 90 } });
  const passing = runHeimdallSteps(context, checkout);
  expect(passing.failedStep, passing.output).toBeNull();
  expect(passing.code).toBe(0);
  expect(passing.output).toContain(`Uploaded lcov coverage (${Buffer.byteLength(LCOV)} bytes) for ${context["github.sha"]}`);
  expect(passing.output).toMatch(new RegExp(`Scanned ${context["github.sha"]}: score \\d+(\\.\\d)?, grade [A-E]`));
  expect(passing.output).toContain("PASS  coverage.domain: Line coverage of the domain layer is 100%, at least 90%.");
  expect(passing.output).toContain(`Quality gate of ${repository.name} at ${context["github.sha"]}: pass`);

  // The same commit against a stricter gate: the scan finds its snapshot stored, the gate fails, and so does the job.
  await putGate(request, repository.team.slug, { minScore: 99.9, noNewErrors: true, coverageByLayer: { domain: 90, application: 80 } });
  const failing = runHeimdallSteps(context, checkout);
  expect(failing.failedStep, failing.output).toBe("Heimdall: quality gate");
  expect(failing.code).toBe(1);
  expect(failing.output).toMatch(/FAIL {2}minScore: Score [\d.]+ is below the minimum of 99\.9\./);
  expect(failing.output).toContain("FAIL  coverage.application: Line coverage of the application layer is 50%, below 80%.");
  expect(failing.output).toContain("::error::The Heimdall quality gate failed.");

  // A token that may not trigger scans stops the job at the scan step, with Heimdall's own message.
  const refused = runHeimdallSteps({ ...context, "secrets.HEIMDALL_TOKEN": "hmd_revokedrevokedrevokedrevokedrevokedrevoked" }, checkout);
  expect(refused.failedStep).toBe("Heimdall: upload coverage");
  expect(refused.output).toContain("The API token is not valid");
});
