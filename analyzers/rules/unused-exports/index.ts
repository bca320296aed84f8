import path from "node:path";
import { z } from "zod";
import { defineAnalyzer, type FileFacts } from "../../core/analyzer";
import { globToRegExp } from "../../core/config";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { ModuleResolver, readPathAliases } from "../../source/resolve";
import { entryModules, isOutsideJudgement } from "./entries";
import { collectExportFacts, DEFAULT_EXPORT, EVERYTHING, type DeclaredExport, type ExportFacts, type ModuleUse } from "./exports";
import { ExportGraph, type ExportKey } from "./graph";

const options = z.strictObject({
  /** Also report exports that other modules never import but their own module uses: the `export` keyword is surplus. */
  reportLocalOnly: z.boolean().default(false),
  /** Regular expressions of paths whose exports are public or loaded by a tool (e.g. "^src/plugins/"). */
  entries: z.array(z.string()).default([]),
});

const LISTED_NAMES = 3;

/** A finding and how many exports it stands for in the score. */
interface Entry {
  finding: FindingDraft;
  weight: number;
}

export const unusedExports = defineAnalyzer({
  meta: {
    id: "unused-exports",
    guideTags: ["YAGNI"],
    section: "core-principles",
    description: "Exported functions, classes, constants and types that no module imports or uses, and modules that nothing imports.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of the exports of judged modules that are used, in percent (a module nothing imports counts all its exports as unused); not applicable without exports.",
  },
  collect: (file) => collectExportFacts(file),
  combine({ root, files, options: { reportLocalOnly, entries: patterns } }) {
    const resolver = new ModuleResolver(files.map((file) => file.path), readPathAliases(root));
    const graph = new ExportGraph(files, resolver);
    const extra = patterns.map((pattern) => new RegExp(pattern));
    const entries = entryModules(root, files.map((file) => file.path), resolver);
    const isPublic = (file: string) => entries.has(file) || isOutsideJudgement(file) || extra.some((pattern) => pattern.test(file));
    const { importedFiles, used } = usage(files, graph, isPublic);
    const judged = files.filter((file) => !isPublic(file.path) && !file.facts.isCommonJs);
    const results = judged.flatMap((file) => judge(file, importedFiles.has(file.path), used, reportLocalOnly)).sort(byPlace);
    const total = judged.reduce((sum, file) => sum + itemsOf(file.facts), 0);
    return {
      findings: results.map((entry) => entry.finding),
      metrics: { judgedModules: judged.length, exports: total, unusedFiles: results.filter((entry) => entry.finding.identity[0] === "file").length, entryModules: entries.size },
      score: (active) => {
        const kept = new Set(active);
        const unused = results.filter((entry) => kept.has(entry.finding)).reduce((sum, entry) => sum + entry.weight, 0);
        return complianceRatioScore(total - unused, total);
      },
    };
  },
});

function byPlace(a: Entry, b: Entry): number {
  if (a.finding.file !== b.finding.file) return a.finding.file < b.finding.file ? -1 : 1;
  return a.finding.line - b.finding.line;
}

/** Judged items of a module: its declared exports, or one for a module that only re-exports. */
function itemsOf(facts: ExportFacts): number {
  return facts.exports.length > 0 ? facts.exports.length : facts.reExports.length > 0 ? 1 : 0;
}

/** Modules some other module loads, and the declarations (`file\0name`) that imports, re-exports and entries reach. */
function usage(files: ReadonlyArray<FileFacts<ExportFacts>>, graph: ExportGraph, isPublic: (file: string) => boolean) {
  const importedFiles = new Set<string>();
  const requests: ExportKey[] = [];
  for (const file of files) {
    if (isPublic(file.path)) requests.push({ file: file.path, name: EVERYTHING });
    const loads: ModuleUse[] = [...file.facts.uses, ...file.facts.reExports.map((reExport) => ({ specifier: reExport.specifier, names: [], isTypeOnly: false }))];
    for (const use of loads) {
      const targets = use.isGlob ? globMatches(file.path, use.specifier, files) : [graph.resolve(file.path, use.specifier)];
      for (const target of targets) {
        if (target === null || target === file.path) continue;
        importedFiles.add(target);
        for (const name of use.names) requests.push({ file: target, name });
      }
    }
  }
  const used = new Set(graph.declarationsOf(requests).map((key) => `${key.file}\u0000${key.name}`));
  return { importedFiles, used };
}

/** Files a glob relative to the importer matches; `{a,b}` alternatives are expanded (one level). */
function globMatches(importer: string, glob: string, files: ReadonlyArray<{ path: string }>): string[] {
  const base = glob.startsWith("/") ? glob.slice(1) : path.posix.join(path.posix.dirname(importer), glob);
  const braces = /\{([^{}]*)\}/.exec(base);
  const globs = braces ? (braces[1] ?? "").split(",").map((option) => base.replace(braces[0], option)) : [base];
  const patterns = globs.map((pattern) => globToRegExp(path.posix.normalize(pattern)));
  return files.map((file) => file.path).filter((file) => patterns.some((pattern) => pattern.test(file)));
}

function judge(file: FileFacts<ExportFacts>, isImported: boolean, used: ReadonlySet<string>, isReportingLocalOnly: boolean): Entry[] {
  if (!isImported) return itemsOf(file.facts) > 0 ? [{ finding: unusedFileFinding(file.path, file.facts), weight: itemsOf(file.facts) }] : [];
  const unused = file.facts.exports.filter((entry) => !used.has(`${file.path}\u0000${entry.name}`) && (isReportingLocalOnly || !entry.isUsedLocally));
  return unused.map((entry) => ({ finding: unusedExportFinding(file.path, entry), weight: 1 }));
}

function unusedFileFinding(file: string, facts: ExportFacts): FindingDraft {
  const names = facts.exports.map((entry) => (entry.name === DEFAULT_EXPORT ? "its default export" : entry.name));
  const more = names.length > LISTED_NAMES ? ` and ${names.length - LISTED_NAMES} more` : "";
  const what = names.length > 0 ? `its exports (${names.slice(0, LISTED_NAMES).join(", ")}${more}) are` : "what it re-exports is";
  return {
    file,
    line: 1,
    endLine: 1,
    message: `No module imports ${file}, so ${what} never used: delete the file, or import it where it is needed (a file a tool loads by path belongs in the rule's \`entries\` option).`,
    identity: ["file"],
  };
}

function unusedExportFinding(file: string, entry: DeclaredExport): FindingDraft {
  const subject = entry.name === DEFAULT_EXPORT ? "The default export" : `\`${entry.name}\``;
  const message = entry.isUsedLocally
    ? `${subject} is exported but only used inside its own module: remove the \`export\` keyword.`
    : `${subject} is exported but no module imports it and its own module does not use it: delete it (a ghost feature).`;
  return { file, line: entry.line, endLine: entry.line, message, identity: ["export", entry.name] };
}
