import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { analyzeRepository, ConfigFileError, type AnalysisReport } from "@/analyzers";
import { readPathAliases } from "@/analyzers/source/resolve";
import type { ScanDto } from "@/app/_lib/dto";
import { getDb } from "@/app/_server/db";
import { cloneRepository, type Checkout } from "@/app/_server/git/clone";
import {
  cleanGit, cleanGitWithInput, createRepo, hooksFolder, leakyModule, markerScript, plainGit, symlinksIn, uniqueMarker, writeTree, type Marker,
} from "../helpers/hostile-git";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";
import { scratchFolders } from "../helpers/scratch";

// Issue 5, hostile repositories: links to /etc/passwd or out of the checkout are never followed or stored; hooks,
// .gitattributes filters, submodules and git settings from the environment run nothing. Every test first shows that its
// trap works when git or the engine is used without Heimdall's hardening, so a broken setup cannot pass silently.

useScanWorkers();
const scratch = scratchFolders();
const PASSWD_LINE = "root:x:0:0";

/** Folders made under the allowed local root (repositories the API may register), removed after each test. */
const underRoot: string[] = [];
function folderUnderRoot(prefix: string): string {
  const dir = mkdtempSync(path.join(inject("repoRoot"), prefix));
  underRoot.push(dir);
  return dir;
}

/** Environment variables a test points at hostile settings, restored after it. */
const savedEnv: Array<[string, string | undefined]> = [];
function setProcessEnv(vars: Record<string, string>): void {
  for (const [name, value] of Object.entries(vars)) {
    savedEnv.push([name, process.env[name]]);
    process.env[name] = value;
  }
}

afterEach(() => {
  for (const [name, value] of savedEnv.splice(0).reverse()) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  underRoot.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function hardenedClone(source: string): Promise<Checkout> {
  return cloneRepository({ source, isLocal: true, branch: null, workDir: scratch("heimdall-hostile-clone-"), timeoutMs: 60_000 });
}

/** Registers the repository through the API, scans it through the queue and a worker, and returns every stored row. */
async function scanThroughPipeline(repo: string): Promise<{ scan: ScanDto; findingCount: number; stored: string }> {
  const repository = await registerRepo(repo);
  const scan = await scanAndWait(repository.id);
  const db = getDb();
  const [row, findings, rules] = await Promise.all([
    db.scan.findUniqueOrThrow({ where: { id: scan.id } }),
    db.finding.findMany({ where: { scanId: scan.id } }),
    db.ruleResult.findMany({ where: { scanId: scan.id } }),
  ]);
  const stored = JSON.stringify({ row, findings, rules }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return { scan, findingCount: findings.length, stored };
}

function expectRan(marker: Marker): void {
  expect(existsSync(marker.file), `${path.basename(marker.script)} should have run without the hardening`).toBe(true);
  rmSync(marker.file);
}

function expectNotRan(...markers: Marker[]): void {
  expect(markers.filter((marker) => existsSync(marker.file)).map((marker) => path.basename(marker.script))).toEqual([]);
}

describe("symbolic links", () => {
  it("checks committed links out as plain files and never reads their targets, through clone, analysis and snapshot", async () => {
    const marker = uniqueMarker();
    const outside = scratch("heimdall-outside-");
    writeFileSync(path.join(outside, "secret.ts"), leakyModule(marker));
    const container = folderUnderRoot("hostile-links-");
    writeFileSync(path.join(container, "outside-secret.ts"), leakyModule(marker));
    const repo = createRepo(path.join(container, "repo"), {
      "README.md": "# Links\n",
      "src/app.ts": "export function app(): number {\n  return 1;\n}\n",
      "src/passwd.ts": { symlink: "/etc/passwd" },
      "src/outside.ts": { symlink: "../../outside-secret.ts" },
      // Resolves to the same file from wherever the checkout lies: enough `..` reach `/`.
      "src/anywhere.ts": { symlink: `${"../".repeat(40)}${outside.slice(1)}/secret.ts` },
      "etc": { symlink: "/etc" },
      "vendor": { symlink: outside },
    });
    // The traps work: each link reaches its target, and the engine reports what it reads there.
    expect(readFileSync(path.join(repo, "src/passwd.ts"), "utf8")).toContain(PASSWD_LINE);
    for (const link of ["src/outside.ts", "src/anywhere.ts", "vendor/secret.ts"]) expect(readFileSync(path.join(repo, link), "utf8")).toContain(marker);
    expect(JSON.stringify(await analyzeRepository(outside))).toContain(marker);
    const plain = path.join(scratch("heimdall-plain-"), "clone");
    expect(plainGit(outside, {}, "clone", "--quiet", repo, plain).status).toBe(0);
    expect(symlinksIn(plain).sort()).toEqual(["etc", "src/anywhere.ts", "src/outside.ts", "src/passwd.ts", "vendor"]);

    const checkout = await hardenedClone(repo);
    expect(symlinksIn(checkout.dir)).toEqual([]);
    expect(readFileSync(path.join(checkout.dir, "src/passwd.ts"), "utf8")).toBe("/etc/passwd");
    expect(readFileSync(path.join(checkout.dir, "src/outside.ts"), "utf8")).toBe("../../outside-secret.ts");
    expect(readFileSync(path.join(checkout.dir, "vendor"), "utf8")).toBe(outside);

    const { scan, findingCount, stored } = await scanThroughPipeline(repo);
    expect(scan).toMatchObject({ status: "succeeded", error: null });
    expect(findingCount).toBeGreaterThan(0);
    expect(stored).not.toContain(marker);
    expect(stored).not.toContain(PASSWD_LINE);
  });

  it("never follows a link in a folder the engine is given, inside or outside a git work tree", async () => {
    const marker = uniqueMarker();
    const outside = scratch("heimdall-outside-");
    const testingWorkflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n";
    writeTree(outside, { "secret.ts": leakyModule(marker), "inner.ts": leakyModule(marker), "workflows/ci.yml": testingWorkflow });
    expect(JSON.stringify(await analyzeRepository(outside))).toContain(marker);
    const testingWorkflows = (report: AnalysisReport) => report.rules.find((rule) => rule.id === "ci-pipeline")?.metrics.testingWorkflows;
    expect(testingWorkflows(await analyzeRepository(createRepo(scratch("heimdall-ci-"), { ".github/workflows/ci.yml": testingWorkflow })))).toBe(1);
    const links = {
      "src/app.ts": "export function app(): number {\n  return 1;\n}\n",
      "src/passwd.ts": { symlink: "/etc/passwd" },
      "src/outside.ts": { symlink: path.join(outside, "secret.ts") },
      "README.md": { symlink: "/etc/passwd" },
      "package.json": { symlink: "/etc/passwd" },
      "etc": { symlink: "/etc" },
      "linked": { symlink: outside },
    };

    // Outside a work tree the engine walks the folder itself.
    const walked = scratch("heimdall-walked-");
    writeTree(walked, links);
    const walkedReport = await analyzeRepository(walked);
    expect(JSON.stringify(walkedReport)).not.toContain(marker);
    expect(JSON.stringify(walkedReport)).not.toContain(PASSWD_LINE);
    expect(walkedReport.stats.skipped).toEqual(expect.arrayContaining([
      { path: "src/outside.ts", reason: "symlink" },
      { path: "src/passwd.ts", reason: "symlink" },
    ]));

    // In a work tree the engine asks git, whose index still lists `lib/inner.ts` and `.github/workflows/ci.yml` after
    // `lib` and `.github` became links out of the folder.
    const tracked = createRepo(scratch("heimdall-tracked-"), {
      ...links,
      "lib/inner.ts": "export const inner = 1;\n",
      ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo built\n",
    });
    rmSync(path.join(tracked, "lib"), { recursive: true });
    rmSync(path.join(tracked, ".github"), { recursive: true });
    writeTree(tracked, { lib: { symlink: outside }, ".github": { symlink: outside } });
    expect(cleanGit(tracked, "ls-files")).toMatch(/\.github\/workflows\/ci\.yml[\s\S]*lib\/inner\.ts/);
    expect(readFileSync(path.join(tracked, "lib/inner.ts"), "utf8")).toContain(marker);
    expect(readFileSync(path.join(tracked, ".github/workflows/ci.yml"), "utf8")).toContain("npm test");
    const trackedReport = await analyzeRepository(tracked);
    expect(JSON.stringify(trackedReport)).not.toContain(marker);
    expect(testingWorkflows(trackedReport)).toBe(0);
    expect(JSON.stringify(trackedReport)).not.toContain(PASSWD_LINE);
    expect(trackedReport.stats.skipped).toEqual(expect.arrayContaining([
      { path: "lib/inner.ts", reason: "symlink" },
      { path: "src/outside.ts", reason: "symlink" },
      { path: "src/passwd.ts", reason: "symlink" },
    ]));
  });

  it("reads no heimdall.config.json or tsconfig.json through a link or from outside the folder", async () => {
    // A linked configuration is refused by name, without quoting what the link points at.
    const configLinked = scratch("heimdall-config-link-");
    writeTree(configLinked, { "src/app.ts": "export const app = 1;\n", "heimdall.config.json": { symlink: "/etc/passwd" } });
    const refused = await analyzeRepository(configLinked).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigFileError);
    expect((refused as Error).message).toMatch(/heimdall\.config\.json is a symbolic link/);
    expect((refused as Error).message).not.toContain(PASSWD_LINE);

    // Path aliases come only from the folder's own tsconfig files: not through a link, not from an `extends` above it.
    const outside = scratch("heimdall-outside-");
    const aliases = JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@leak/*": ["src/*"] } } });
    writeTree(outside, { "tsconfig.json": aliases });
    expect(readPathAliases(outside).paths).toEqual([{ pattern: "@leak/*", targets: ["src/*"] }]);
    const tsconfigLinked = scratch("heimdall-tsconfig-link-");
    writeTree(tsconfigLinked, { "tsconfig.json": { symlink: path.join(outside, "tsconfig.json") } });
    expect(readPathAliases(tsconfigLinked)).toEqual({ baseUrl: null, paths: [] });
    const extendsAbove = scratch("heimdall-tsconfig-extends-");
    const up = path.relative(extendsAbove, path.join(outside, "tsconfig.json"));
    writeTree(extendsAbove, { "tsconfig.json": JSON.stringify({ extends: `./${up}` }) });
    expect(readPathAliases(extendsAbove)).toEqual({ baseUrl: null, paths: [] });
  });
});

describe("hooks and commands from git configuration", () => {
  it("runs no hook, template hook or fsmonitor that the user's, XDG or environment git configuration names", async () => {
    const repo = createRepo(path.join(folderUnderRoot("hostile-hooks-"), "repo"), {
      "README.md": "# Hooks\n",
      "src/app.ts": "export function app(): number {\n  return 1;\n}\n",
    });
    const evil = scratch("heimdall-evil-");
    const globalHooks = hooksFolder(evil, "global-hooks");
    const envHooks = hooksFolder(evil, "env-hooks");
    const xdgTemplate = hooksFolder(evil, "xdg-template");
    const envTemplate = hooksFolder(evil, "env-template");
    const fsmonitor = markerScript(evil, "fsmonitor");
    const home = path.join(evil, "home");
    const xdg = path.join(evil, "xdg");
    writeTree(home, { ".gitconfig": `[core]\n\thooksPath = ${globalHooks.hooks}\n\tfsmonitor = ${fsmonitor.script}\n` });
    writeTree(xdg, { "git/config": `[init]\n\ttemplateDir = ${path.dirname(xdgTemplate.hooks)}\n` });
    const envConfig = { GIT_CONFIG_COUNT: "2", GIT_CONFIG_KEY_0: "core.hooksPath", GIT_CONFIG_VALUE_0: envHooks.hooks, GIT_CONFIG_KEY_1: "core.fsmonitor", GIT_CONFIG_VALUE_1: fsmonitor.script };

    // The traps work: each source of configuration makes a plain clone (or a plain `git ls-files`) run its command.
    const plainClone = (env: Record<string, string>) => {
      const target = path.join(scratch("heimdall-plain-"), "clone");
      plainGit(evil, env, "clone", "--quiet", repo, target);
      return target;
    };
    plainClone({ HOME: home });
    expectRan(globalHooks);
    plainClone({ XDG_CONFIG_HOME: xdg });
    expectRan(xdgTemplate);
    plainClone({ GIT_TEMPLATE_DIR: path.dirname(envTemplate.hooks) });
    expectRan(envTemplate);
    const cloned = plainClone(envConfig);
    expectRan(envHooks);
    plainGit(cloned, { HOME: home }, "ls-files", "--others");
    expectRan(fsmonitor);

    setProcessEnv({ HOME: home, XDG_CONFIG_HOME: xdg, GIT_TEMPLATE_DIR: path.dirname(envTemplate.hooks), ...envConfig });
    const checkout = await hardenedClone(repo);
    expectNotRan(globalHooks, envHooks, xdgTemplate, envTemplate, fsmonitor);
    const hooks = path.join(checkout.dir, ".git", "hooks");
    expect(existsSync(hooks) ? readdirSync(hooks) : []).toEqual([]);

    // The worker runs in this process, under the same environment: its clone and the engine's own git run nothing.
    const { scan } = await scanThroughPipeline(repo);
    expect(scan).toMatchObject({ status: "succeeded", error: null });
    expectNotRan(globalHooks, envHooks, xdgTemplate, envTemplate, fsmonitor);
  });

  it("runs no fsmonitor that a folder's own .git/config names when the engine lists its files", async () => {
    const evil = scratch("heimdall-evil-");
    const fsmonitor = markerScript(evil, "fsmonitor");
    const folder = createRepo(scratch("heimdall-folder-"), { "src/app.ts": "export const app = 1;\n", "notes.txt": "untracked soon\n" });
    writeTree(folder, { "src/new.ts": "export const fresh = 2;\n" });
    cleanGit(folder, "config", "core.fsmonitor", fsmonitor.script);
    plainGit(folder, {}, "ls-files", "--cached", "--others", "--exclude-standard");
    expectRan(fsmonitor);

    const report = await analyzeRepository(folder);
    expectNotRan(fsmonitor);
    expect(report.stats.files).toBe(2);
  });

  it("refuses a tree that smuggles in a .git/hooks folder, running nothing", async () => {
    const hook = markerScript(scratch("heimdall-evil-"), "smuggled-hook");
    const repo = createRepo(path.join(folderUnderRoot("hostile-dotgit-"), "repo"), { "src/app.ts": "export const app = 1;\n" });
    // Built object by object: git itself never adds a `.git` path.
    const blob = cleanGitWithInput(repo, `#!/bin/sh\nexec '${hook.script}'\n`, "hash-object", "-w", "--stdin");
    const mktree = (entries: string) => cleanGitWithInput(repo, entries, "mktree");
    const hooksTree = mktree(`100755 blob ${blob}\tpost-checkout\n`);
    const dotGit = mktree(`040000 tree ${hooksTree}\thooks\n`);
    const src = cleanGit(repo, "rev-parse", "HEAD:src");
    const root = mktree(`040000 tree ${dotGit}\t.git\n040000 tree ${src}\tsrc\n`);
    cleanGit(repo, "update-ref", "refs/heads/main", cleanGit(repo, "commit-tree", "-m", "Smuggle a hook", root));
    expect(cleanGit(repo, "ls-tree", "-r", "--name-only", "HEAD")).toContain(".git/hooks/post-checkout");
    execFileSync(hook.script);
    expectRan(hook);

    await expect(hardenedClone(repo)).rejects.toThrow(/^Could not clone the repository: /);
    const { scan } = await scanThroughPipeline(repo);
    expect(scan).toMatchObject({ status: "failed", attempts: 1 });
    expect(scan.error).toMatch(/^Could not clone the repository: /);
    expectNotRan(hook);
  });
});

describe(".gitattributes filters", () => {
  it("runs no smudge, process or textconv command and checks files out verbatim", async () => {
    const files = {
      ".gitattributes": "* filter=evil diff=evil\n*.ts filter=evilproc diff=evil\n",
      "README.md": "# Filters\n\nPlain text.\n",
      "src/app.ts": "export function app(): number {\n  return 1;\n}\n",
    };
    const repo = createRepo(path.join(folderUnderRoot("hostile-filters-"), "repo"), files);
    const evil = scratch("heimdall-evil-");
    const smudge = markerScript(evil, "smudge", "sed 's/^/SMUDGED /'\n");
    const processFilter = markerScript(evil, "process", "exit 1\n");
    const textconv = markerScript(evil, "textconv", 'cat "$1"\n');
    const home = path.join(evil, "home");
    writeTree(home, { ".gitconfig": `[filter "evil"]\n\tsmudge = ${smudge.script}\n[diff "evil"]\n\ttextconv = ${textconv.script}\n` });
    const envConfig = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "filter.evilproc.process", GIT_CONFIG_VALUE_0: processFilter.script };

    // The traps work: the user's configuration smudges and textconvs, the environment's starts a filter process.
    const plain = path.join(scratch("heimdall-plain-"), "clone");
    plainGit(evil, { HOME: home }, "clone", "--quiet", repo, plain);
    expectRan(smudge);
    expect(readFileSync(path.join(plain, "README.md"), "utf8")).toMatch(/^SMUDGED /);
    plainGit(repo, { HOME: home }, "show", "HEAD");
    expectRan(textconv);
    rmSync(smudge.file, { force: true }); // git smudges a blob before it textconvs it
    plainGit(evil, envConfig, "clone", "--quiet", repo, path.join(scratch("heimdall-plain-"), "clone"));
    expectRan(processFilter);

    setProcessEnv({ HOME: home, ...envConfig });
    const checkout = await hardenedClone(repo);
    expectNotRan(smudge, processFilter, textconv);
    for (const [file, content] of Object.entries(files)) expect(readFileSync(path.join(checkout.dir, file), "utf8")).toBe(content);

    const { scan } = await scanThroughPipeline(repo);
    expect(scan).toMatchObject({ status: "succeeded", error: null });
    expectNotRan(smudge, processFilter, textconv);
  });
});

describe("submodules", () => {
  it("fetches no submodule (local, file:// outside the roots, ext::) and runs nothing", async () => {
    const marker = uniqueMarker();
    const container = folderUnderRoot("hostile-submodules-");
    const local = createRepo(path.join(container, "local"), { "lib.ts": leakyModule(marker) });
    const outsideRepo = createRepo(path.join(scratch("heimdall-outside-"), "outside"), { "lib.ts": leakyModule(marker) });
    const evil = scratch("heimdall-evil-");
    const ext = markerScript(evil, "ext");
    const repo = createRepo(path.join(container, "repo"), {
      "README.md": "# Submodules\n",
      "src/app.ts": "export function app(): number {\n  return 1;\n}\n",
      ".gitmodules": [
        `[submodule "local"]\n\tpath = vendor/local\n\turl = ${local}`,
        `[submodule "outside"]\n\tpath = vendor/outside\n\turl = file://${outsideRepo}`,
        `[submodule "ext"]\n\tpath = vendor/ext\n\turl = ext::${ext.script}`,
      ].join("\n") + "\n",
    });
    addGitlinks(repo, { "vendor/local": local, "vendor/outside": outsideRepo, "vendor/ext": local });

    // The traps work: a plain clone's `submodule update` fetches the local and outside ones and runs ext::'s command.
    const plain = path.join(scratch("heimdall-plain-"), "clone");
    plainGit(evil, {}, "clone", "--quiet", repo, plain);
    plainGit(plain, {}, "-c", "protocol.file.allow=always", "submodule", "update", "--init", "vendor/local", "vendor/outside");
    expect(readFileSync(path.join(plain, "vendor/local/lib.ts"), "utf8")).toContain(marker);
    expect(readFileSync(path.join(plain, "vendor/outside/lib.ts"), "utf8")).toContain(marker);
    plainGit(plain, {}, "-c", "protocol.ext.allow=always", "submodule", "update", "--init", "vendor/ext");
    expectRan(ext);

    const checkout = await hardenedClone(repo);
    for (const name of ["local", "outside", "ext"]) {
      const folder = path.join(checkout.dir, "vendor", name);
      expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    }
    expect(existsSync(path.join(checkout.dir, ".git", "modules"))).toBe(false);
    expectNotRan(ext);

    const { scan, findingCount, stored } = await scanThroughPipeline(repo);
    expect(scan).toMatchObject({ status: "succeeded", error: null });
    expect(findingCount).toBeGreaterThan(0);
    expect(stored).not.toContain(marker);
    expectNotRan(ext);
  });

  it("refuses a .gitmodules that asks for `update = !command`, running nothing", async () => {
    const container = folderUnderRoot("hostile-update-");
    const local = createRepo(path.join(container, "local"), { "lib.ts": "export const lib = 1;\n" });
    const bang = markerScript(scratch("heimdall-evil-"), "bang");
    const repo = createRepo(path.join(container, "repo"), {
      "src/app.ts": "export const app = 1;\n",
      ".gitmodules": `[submodule "bang"]\n\tpath = vendor/bang\n\turl = ${local}\n\tupdate = !${bang.script}\n`,
    });
    addGitlinks(repo, { "vendor/bang": local });
    // git itself no longer honours `!command` from .gitmodules; the command is shown to work when run directly.
    execFileSync(bang.script);
    expectRan(bang);

    // transfer.fsckObjects refuses such a .gitmodules (gitmodulesUpdate): the scan fails at once with git's reason.
    await expect(hardenedClone(repo)).rejects.toThrow(/^Could not clone the repository: /);
    const { scan } = await scanThroughPipeline(repo);
    expect(scan).toMatchObject({ status: "failed", attempts: 1 });
    expect(scan.error).toMatch(/^Could not clone the repository: /);
    expectNotRan(bang);
  });
});

/** Commits submodule entries (gitlinks) at the given paths, each at the HEAD of the given repository. */
function addGitlinks(repo: string, links: Record<string, string>): void {
  for (const [at, source] of Object.entries(links)) {
    cleanGit(repo, "update-index", "--add", "--cacheinfo", `160000,${cleanGit(source, "rev-parse", "HEAD")},${at}`);
  }
  cleanGit(repo, "commit", "--quiet", "-m", "Add submodules");
}
