import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { complianceRatioScore } from "../../core/scoring";
import { ModuleResolver, readPathAliases } from "../../source/resolve";
import { isTestFile } from "../../source/roles";
import { declarationsOf } from "./collect";
import { TypeIndex, type Located } from "./hierarchy";

const options = z.strictObject({
  /** The guide names no number; 10 methods keeps role interfaces (a repository's find/save/delete…) well inside. */
  maxMethods: z.number().int().positive().default(10),
});

export const interfaceSegregation = defineAnalyzer({
  meta: {
    id: "interface-segregation",
    guideTags: ["I", "L"],
    section: "solid",
    description: "Fat interfaces and abstract classes, and subclasses or implementations that refuse members of their contract (throwing \"not supported\", or emptying a real implementation).",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of interfaces with methods, abstract classes and classes that extend or implement something that have no finding, in percent; not applicable without any.",
  },
  collect: (file) => declarationsOf(file),
  combine({ root, files, options: { maxMethods } }) {
    const declared = files.filter((file) => isProductModule(file.path)).flatMap((file) => file.facts.map((facts): Located => ({ ...facts, file: file.path })));
    const index = new TypeIndex(declared, new ModuleResolver(files.map((file) => file.path), readPathAliases(root)));
    const units = declared.filter((declaration) => declaration.methodCount > 0 || (declaration.kind === "class" && declaration.supertypes.length > 0));
    const unitOf = new Map<FindingDraft, Located>();
    for (const unit of units) for (const finding of findingsFor(unit, index, maxMethods)) unitOf.set(finding, unit);
    const findings = [...unitOf.keys()];
    return {
      findings,
      metrics: { units: units.length, fatContracts: countOf(findings, "fat"), refusingClasses: countOf(findings, "refuses"), emptyingClasses: countOf(findings, "empties") },
      score: (active) => complianceRatioScore(units.length - new Set(active.map((finding) => unitOf.get(finding))).size, units.length),
    };
  },
});

function countOf(findings: readonly FindingDraft[], kind: "fat" | "refuses" | "empties"): number {
  return findings.filter((finding) => finding.identity[1] === kind).length;
}

function isProductModule(file: string): boolean {
  return !isTestFile(file) && !file.endsWith(".d.ts");
}

function findingsFor(unit: Located, index: TypeIndex, maxMethods: number): FindingDraft[] {
  const findings: FindingDraft[] = [];
  if (unit.methodCount > maxMethods) findings.push(fatFinding(unit, maxMethods));
  if (unit.kind !== "class" || unit.supertypes.length === 0) return findings;
  const refused = Object.keys(unit.methods).filter((member) => unit.methods[member] === "refuses" && index.isRefusedContract(unit, member));
  const emptied = Object.keys(unit.methods).filter((member) => unit.methods[member] === "empty" && index.nearestState(unit, member) === "real");
  if (refused.length > 0) findings.push(refusalFinding(unit, refused, index.contractName(unit, refused[0] ?? "")));
  if (emptied.length > 0) findings.push(emptiedFinding(unit, emptied, index.contractName(unit, emptied[0] ?? "")));
  return findings;
}

function fatFinding(unit: Located, maxMethods: number): FindingDraft {
  const what = unit.kind === "class" ? `abstract class ${unit.name} declares ${unit.methodCount} abstract methods` : `${unit.kind === "interface" ? "Interface" : "Type"} ${unit.name} declares ${unit.methodCount} methods`;
  return {
    file: unit.file,
    line: unit.line,
    endLine: unit.line,
    message: `${what[0]?.toUpperCase()}${what.slice(1)}, over the limit of ${maxMethods}: split it into smaller role interfaces so each client and implementer depends only on the methods it uses.`,
    identity: [unit.name, "fat"],
  };
}

function refusalFinding(unit: Located, refused: readonly string[], contract: string): FindingDraft {
  const count = refused.length === 1 ? "a member" : `${refused.length} members`;
  return {
    file: unit.file,
    line: unit.line,
    endLine: unit.line,
    message: `${unit.name} refuses ${count} of ${contract} by throwing "not implemented/supported" (${listOf(refused)}): split ${contract} into smaller interfaces and implement only those ${unit.name} can honour (or stop inheriting from it), so it stays substitutable.`,
    identity: [unit.name, "refuses"],
  };
}

function emptiedFinding(unit: Located, emptied: readonly string[], contract: string): FindingDraft {
  const count = emptied.length === 1 ? "a method" : `${emptied.length} methods`;
  return {
    file: unit.file,
    line: unit.line,
    endLine: unit.line,
    message: `${unit.name} overrides ${count} that ${contract} implements with an empty body (${listOf(emptied)}): a subtype must keep its parent's behaviour — implement it, say in a comment why doing nothing is right, or stop inheriting from ${contract}.`,
    identity: [unit.name, "empties"],
  };
}

/** Up to four names, then how many more. */
function listOf(names: readonly string[]): string {
  const shown = names.slice(0, 4).join(", ");
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
}

