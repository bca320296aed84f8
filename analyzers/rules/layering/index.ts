import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { DEFAULT_LAYER_FOLDERS, layerFinder } from "../../core/layers";
import { complianceRatioScore } from "../../core/scoring";
import { findImports, type ImportReference } from "../../source/imports";
import type { ParsedFile } from "../../source/parse";
import { ModuleResolver, readPathAliases } from "../../source/resolve";
import { cycleThrough, stronglyConnected } from "./graph";

const layerSchema = z.strictObject({
  name: z.string().min(1),
  /** 0 is the centre; a layer may import layers of its own rank or lower. */
  rank: z.number().int().min(0),
  /** Folder names that put a file in this layer (the first matching folder on its path decides). */
  folders: z.array(z.string().min(1)).min(1),
});

/** The guide's rings: domain at the centre, then application, then infrastructure and presentation side by side. */
const DEFAULT_LAYERS: Array<z.infer<typeof layerSchema>> = [
  { name: "domain", rank: 0, folders: [...DEFAULT_LAYER_FOLDERS.domain] },
  { name: "application", rank: 1, folders: [...DEFAULT_LAYER_FOLDERS.application] },
  { name: "infrastructure", rank: 2, folders: [...DEFAULT_LAYER_FOLDERS.infrastructure] },
  { name: "presentation", rank: 2, folders: [...DEFAULT_LAYER_FOLDERS.presentation] },
];

const options = z.strictObject({
  layers: z.array(layerSchema).default(DEFAULT_LAYERS),
  /** Type-only imports vanish at compile time: they count for the dependency rule but cannot form a runtime cycle. */
  typeOnlyImportsInCycles: z.boolean().default(false),
});

interface Edge {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
}

type Layer = z.infer<typeof layerSchema>;

export const layering = defineAnalyzer({
  meta: {
    id: "layering",
    guideTags: ["LAYER", "DIR"],
    section: "layered-topology",
    description: "Imports that point outward (an inner layer importing an outer one) and circular dependencies.",
    defaultSeverity: "error",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of internal imports that neither point outward nor close a cycle, in percent; not applicable without internal imports.",
  },
  collect: (file) => findImports(file),
  combine({ files, root, options: { layers, typeOnlyImportsInCycles } }) {
    const edges = collectEdges(files, new ModuleResolver(files.map((file) => file.path), readPathAliases(root)));
    const layerOf = layerFinder(layers);
    const outward = edges.filter((edge) => pointsOutward(layerOf(edge.from), layerOf(edge.to)));
    const cycles = findCycles(files, typeOnlyImportsInCycles ? edges : edges.filter((edge) => !edge.typeOnly));
    const entries = [
      ...outward.map((edge) => ({ finding: outwardFinding(edge, layerOf), badEdges: 1 })),
      ...cycles.map((cycle) => ({ finding: cycle.finding, badEdges: cycle.edgeCount })),
    ];
    return {
      findings: entries.map((entry) => entry.finding),
      metrics: { imports: edges.length, outwardImports: outward.length, cycles: cycles.length, modulesInCycles: cycles.reduce((sum, cycle) => sum + cycle.size, 0) },
      score: (active) => {
        const kept = new Set(active);
        const bad = entries.filter((entry) => kept.has(entry.finding)).reduce((sum, entry) => sum + entry.badEdges, 0);
        return complianceRatioScore(Math.max(0, edges.length - bad), edges.length);
      },
    };
  },
});

/** Every module that sits in an import cycle (for benchmarks against other cycle detectors). */
export function modulesInCycles(parsed: readonly ParsedFile[], root: string, shouldIncludeTypeOnlyImports = false): Set<string> {
  const files = parsed.map((file) => ({ path: file.path, facts: findImports(file) }));
  const edges = collectEdges(files, new ModuleResolver(files.map((file) => file.path), readPathAliases(root)));
  const adjacency = adjacencyOf(shouldIncludeTypeOnlyImports ? edges : edges.filter((edge) => !edge.typeOnly));
  return new Set(cyclicComponents(files, adjacency).flat());
}

function adjacencyOf(edges: readonly Edge[]): Map<string, Set<string>> {
  const adjacency = new Map<string, Set<string>>();
  for (const edge of edges) adjacency.set(edge.from, (adjacency.get(edge.from) ?? new Set()).add(edge.to));
  return adjacency;
}

function cyclicComponents(files: ReadonlyArray<{ path: string }>, adjacency: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  return stronglyConnected(files.map((file) => file.path), adjacency).filter(
    (component) => component.length > 1 || adjacency.get(component[0] ?? "")?.has(component[0] ?? ""),
  );
}

type ImportFacts = { path: string; facts: readonly ImportReference[] };

function collectEdges(files: readonly ImportFacts[], resolver: ModuleResolver): Edge[] {
  const edges: Edge[] = [];
  for (const file of files) {
    for (const reference of file.facts) {
      const target = resolver.resolve(file.path, reference.specifier);
      if (target) edges.push({ from: file.path, to: target, line: reference.line, typeOnly: reference.typeOnly });
    }
  }
  return edges;
}

function pointsOutward(from: Layer | undefined, to: Layer | undefined): boolean {
  return !!from && !!to && to.rank > from.rank;
}

function outwardFinding(edge: Edge, layerOf: (file: string) => Layer | undefined): FindingDraft {
  const from = layerOf(edge.from)?.name ?? "";
  const to = layerOf(edge.to)?.name ?? "";
  return {
    file: edge.from,
    line: edge.line,
    endLine: edge.line,
    message: `The ${from} layer imports ${edge.to} from the outer ${to} layer; dependencies must point inward. Depend on an interface in ${from} that ${to} implements.`,
    identity: ["outward", edge.to],
  };
}

interface Cycle {
  finding: FindingDraft;
  size: number;
  edgeCount: number;
}

/** One finding per strongly connected component: its modules, and one concrete cycle to start untangling from. */
function findCycles(files: ReadonlyArray<{ path: string }>, edges: readonly Edge[]): Cycle[] {
  const adjacency = adjacencyOf(edges);
  return cyclicComponents(files, adjacency).map((component) => componentCycle(component, adjacency, edges));
}

/** Reported at the alphabetically first module, so the finding stays put while the component is unchanged. */
function componentCycle(component: readonly string[], adjacency: ReadonlyMap<string, ReadonlySet<string>>, edges: readonly Edge[]): Cycle {
  const members = new Set(component);
  const start = [...component].sort()[0] ?? "";
  const path = cycleThrough(start, members, adjacency);
  const firstEdge = edges.find((edge) => edge.from === start && edge.to === path[1]);
  const inside = edges.filter((edge) => members.has(edge.from) && members.has(edge.to));
  const others = component.length > path.length - 1 ? ` (${component.length} modules are tangled in this cycle)` : "";
  return {
    size: component.length,
    edgeCount: inside.length,
    finding: {
      file: start,
      line: firstEdge?.line ?? 1,
      endLine: firstEdge?.line ?? 1,
      message: `Circular dependency: ${path.join(" → ")}${others}. Break it by moving the shared part into a module both can import.`,
      identity: ["cycle", ...[...component].sort()],
    },
  };
}
