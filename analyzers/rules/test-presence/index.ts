import path from "node:path";
import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer, type AnalyzerOutput, type FileFacts } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import type { ParsedFile } from "../../source/parse";
import { ModuleResolver, readPathAliases } from "../../source/resolve";
import { isPlainFile } from "../../source/repo-files";
import { isTestFile, isToolingPath } from "../../source/roles";
import { collectModuleFacts, isCoverableFile } from "../coverage/modules";
import { collectExportFacts, type ExportFacts } from "../unused-exports/exports";
import { ExportGraph, type ExportKey } from "../unused-exports/graph";

const options = z.strictObject({
  /** Untested modules are reported together per folder, folders deeper than this counted as their ancestor at this depth. */
  folderDepth: z.number().int().min(1).default(3),
});

interface PresenceFacts {
  /** False for a module of interfaces and type aliases: nothing in it runs, so nothing to test. */
  hasRuntimeCode: boolean;
  /** Only imports and re-exports: a barrel has no behaviour of its own. */
  isBarrel: boolean;
  exports: ExportFacts;
}

type PresenceFile = FileFacts<PresenceFacts>;

/** A folder's untested modules and the finding that lists them. */
interface FolderVerdict {
  finding: FindingDraft;
  untested: number;
}

const LISTED_MODULES = 5;
const TEST_STEM = /\.(?:test|spec)$/;
/** Test files that name what they test: `foo.test.ts`, `foo.spec.ts`, `__tests__/foo.ts` (not helpers in `tests/`). */
const NAMED_TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/[^/]+$/;

export const testPresence = defineAnalyzer({
  meta: {
    id: "test-presence",
    guideTags: ["UNIT"],
    section: "testing",
    description: "Production modules that no test file is named after or imports, reported per folder.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of production modules that a test file is named after or imports (through barrels; a module's helpers in its own folder count with it), in percent; not applicable without production modules.",
  },
  collect: (file) => presenceFacts(file),
  combine({ root, files, options: { folderDepth } }): AnalyzerOutput {
    const modules = files.filter(isProductionModule).map((file) => file.path);
    if (modules.length === 0) return { findings: [], metrics: { modules: 0 }, score: () => null };
    const tests = files.filter((file) => isTestFile(file.path));
    const graph = new ExportGraph(files.map((file) => ({ path: file.path, facts: file.facts.exports })), new ModuleResolver(files.map((file) => file.path), readPathAliases(root)));
    const tested = spreadWithinFolders(new Set([...importedByTests(tests, graph), ...namedByTests(modules, tests)]), files, graph);
    const untested = modules.filter((module) => !tested.has(module));
    const verdicts = tests.length === 0 ? [noTestsVerdict(root, modules.length)] : folderVerdicts(untested, modules, folderDepth);
    return {
      findings: verdicts.map((verdict) => verdict.finding),
      metrics: { modules: modules.length, testFiles: tests.length, testedModules: modules.length - untested.length, untestedModules: untested.length },
      score: (active) => {
        const kept = new Set(active);
        const missing = verdicts.filter((verdict) => kept.has(verdict.finding)).reduce((sum, verdict) => sum + verdict.untested, 0);
        return complianceRatioScore(modules.length - missing, modules.length);
      },
    };
  },
});

function presenceFacts(file: ParsedFile): PresenceFacts {
  const exports = collectExportFacts(file, false);
  const statements = file.ast?.statements ?? [];
  const isBarrel = exports.reExports.length > 0 && exports.exports.length === 0 && statements.every(isImportOrExport);
  return { hasRuntimeCode: collectModuleFacts(file).runtime, isBarrel, exports };
}

function isImportOrExport(statement: ts.Statement): boolean {
  return ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
}

/** Modules with code to run: not tests, configuration, declarations, tooling, type-only modules or barrels. */
function isProductionModule(file: PresenceFile): boolean {
  return isCoverableFile(file.path) && !isToolingPath(file.path) && file.facts.hasRuntimeCode && !file.facts.isBarrel;
}

/** Modules a test file imports at run time, and the modules that declare the names it imports through barrels. */
function importedByTests(tests: readonly PresenceFile[], graph: ExportGraph): Set<string> {
  const reached = new Set<string>();
  const requests: ExportKey[] = [];
  for (const test of tests) {
    for (const use of test.facts.exports.uses) {
      const target = use.isTypeOnly ? null : graph.resolve(test.path, use.specifier);
      if (target === null) continue;
      reached.add(target);
      for (const name of use.names) requests.push({ file: target, name });
    }
  }
  for (const declaration of graph.declarationsOf(requests)) reached.add(declaration.file);
  return reached;
}

/**
 * A folder is a component: a module that a tested module of the same folder loads at run time (its private helper) is
 * tested through it, and so on within the folder. Modules of other folders need tests of their own.
 */
function spreadWithinFolders(tested: Set<string>, files: readonly PresenceFile[], graph: ExportGraph): Set<string> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const queue = [...tested];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const folder = path.posix.dirname(next);
    for (const use of byPath.get(next)?.facts.exports.uses ?? []) {
      const target = use.isTypeOnly ? null : graph.resolve(next, use.specifier);
      if (target === null || tested.has(target) || path.posix.dirname(target) !== folder) continue;
      tested.add(target);
      queue.push(target);
    }
  }
  return tested;
}

/** The name a test file tests by: `foo` for `foo.test.ts`, `foo.spec.tsx` and `__tests__/foo.ts`. */
function testedName(test: string): string {
  return path.posix.basename(test).replace(/\.[cm]?[jt]sx?$/, "").replace(TEST_STEM, "");
}

/** The name a module is tested by: its file name, or its folder's for an `index` file. */
function moduleName(module: string): string {
  const stem = path.posix.basename(module).replace(/\.[cm]?[jt]sx?$/, "");
  return stem === "index" ? path.posix.basename(path.posix.dirname(module)) : stem;
}

/**
 * Modules a test file is named after: beside it (same folder, or the module's folder holds the test's `__tests__`
 * folder), or anywhere when no other module has that name.
 */
function namedByTests(modules: readonly string[], tests: readonly PresenceFile[]): Set<string> {
  const byName = new Map<string, string[]>();
  for (const module of modules) byName.set(moduleName(module), [...(byName.get(moduleName(module)) ?? []), module]);
  const named = new Set<string>();
  for (const test of tests.filter((file) => NAMED_TEST.test(file.path))) {
    const candidates = byName.get(testedName(test.path)) ?? [];
    const testFolder = path.posix.dirname(test.path);
    const home = path.posix.basename(testFolder) === "__tests__" ? path.posix.dirname(testFolder) : testFolder;
    for (const module of candidates) if (candidates.length === 1 || path.posix.dirname(module) === home) named.add(module);
  }
  return named;
}

function folderVerdicts(untested: readonly string[], modules: readonly string[], depth: number): FolderVerdict[] {
  const byFolder = groupByFolder(untested, depth);
  const sizes = new Map([...groupByFolder(modules, depth)].map(([folder, members]) => [folder, members.length]));
  return [...byFolder].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([folder, members]) => ({
    finding: folderFinding(folder, [...members].sort(), sizes.get(folder) ?? members.length),
    untested: members.length,
  }));
}

/** Files by their folder, cut to `depth` folders (`src/app/api/users/route.ts` → `src/app/api` at depth 3). */
function groupByFolder(files: readonly string[], depth: number): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = file.split("/").slice(0, -1).slice(0, depth).join("/") || ".";
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return byFolder;
}

function folderFinding(folder: string, members: readonly string[], total: number): FindingDraft {
  const inside = (module: string) => (folder === "." ? module : module.slice(folder.length + 1));
  const names = members.slice(0, LISTED_MODULES).map(inside);
  const more = members.length > LISTED_MODULES ? ` and ${members.length - LISTED_MODULES} more` : "";
  const where = folder === "." ? "the repository root" : folder;
  return {
    file: members[0] ?? folder,
    line: 1,
    endLine: 1,
    message: `${members.length} of ${total} modules in ${where} have no test (${names.join(", ")}${more}): add a unit test for each, named after it (${testNameFor(members[0] ?? "")}) or importing it.`,
    identity: ["folder", folder],
  };
}

function testNameFor(module: string): string {
  return path.posix.basename(module).replace(/(\.[cm]?[jt]sx?)$/, ".test$1");
}

function noTestsVerdict(root: string, moduleCount: number): FolderVerdict {
  const file = isPlainFile(path.join(root, "package.json")) ? "package.json" : ".";
  return {
    finding: {
      file,
      line: 1,
      endLine: 1,
      message: `No test files found for ${moduleCount} production modules: add unit tests (e.g. src/foo.test.ts beside src/foo.ts) that check each module's behaviour in isolation.`,
      identity: ["no-tests"],
    },
    untested: moduleCount,
  };
}
