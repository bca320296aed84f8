import { ts } from "ts-morph";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { DEFAULT_LAYER_FOLDERS, layerFinder } from "../../core/layers";
import { complianceRatioScore } from "../../core/scoring";
import { lineOf, type ParsedFile } from "../../source/parse";
import { isConfigFile, isTestFile } from "../../source/roles";
import { nodesOfKinds } from "../../source/walk";
import { importBindings, type Binding } from "../../source/bindings";
import { clientMatcher, type ClientMatcher } from "./clients";

const options = z.strictObject({
  /** Folder names of the domain and application layers, where infrastructure must be received, not built. */
  innerFolders: z.array(z.string().min(1)).default([...DEFAULT_LAYER_FOLDERS.domain, ...DEFAULT_LAYER_FOLDERS.application]),
  /** Folder names of the outer layers: the first layer folder on a path decides, so `infrastructure/services/` is outer. */
  outerFolders: z.array(z.string().min(1)).default([...DEFAULT_LAYER_FOLDERS.infrastructure, ...DEFAULT_LAYER_FOLDERS.presentation]),
  /** More infrastructure to look for: a module (`*` matches any run of characters) and its exported names (`default` for the default export). */
  clients: z.array(z.strictObject({ module: z.string().min(1), names: z.array(z.string().min(1)).min(1) })).default([]),
});

/** One place where a module builds infrastructure itself. */
interface Construction {
  line: number;
  /** What is built, as written: `new PrismaClient()`, `axios.create()`. */
  what: string;
  module: string;
  /** The class or function doing it, or null at module scope. */
  owner: string | null;
}

export const dependencyInversion = defineAnalyzer({
  meta: {
    id: "dependency-inversion",
    guideTags: ["D"],
    section: "solid",
    description: "Domain and application code that constructs databases, caches, queues or SDK clients itself instead of receiving them.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "project",
    options,
    scoring: "Share of domain and application modules that construct no infrastructure, in percent; not applicable when the repository has no such layer folders.",
  },
  collect: (file, { clients }) => constructions(file, clientMatcher(clients)),
  combine({ files, options: { innerFolders, outerFolders } }) {
    const layerOf = layerFinder([{ folders: innerFolders, inner: true }, { folders: outerFolders, inner: false }]);
    const modules = files.filter((file) => layerOf(file.path)?.inner === true && isProductModule(file.path));
    const findings = modules.flatMap((file) => file.facts.map((construction) => findingFor(file.path, construction)));
    const withFindings = (active: readonly FindingDraft[]) => new Set(active.map((finding) => finding.file)).size;
    return {
      findings,
      metrics: { innerModules: modules.length, constructions: findings.length },
      score: (active) => complianceRatioScore(modules.length - withFindings(active), modules.length),
    };
  },
});

function isProductModule(file: string): boolean {
  return !isTestFile(file) && !isConfigFile(file) && !file.endsWith(".d.ts");
}

function findingFor(file: string, construction: Construction): FindingDraft {
  const who = construction.owner ?? "Module scope";
  return {
    file,
    line: construction.line,
    endLine: construction.line,
    message: `${who} builds ${construction.what} from "${construction.module}" itself in a domain or application module: receive it through the constructor behind an interface and build it in the composition root (or move an adapter that wraps it to an infrastructure folder).`,
    identity: [construction.owner ?? "", construction.what],
  };
}

/** Every `new X()` or `x()` in the file that builds infrastructure imported from a known client module. */
function constructions(file: ParsedFile, matcher: ClientMatcher): Construction[] {
  const ast = file.ast;
  if (!ast) return [];
  const bindings = importBindings(ast);
  if (![...bindings.values()].some((binding) => matcher.isClientModule(binding.module))) return [];
  const found: Construction[] = [];
  for (const node of nodesOfKinds<ts.NewExpression | ts.CallExpression>(ast, [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression])) {
    const built = builtClient(node, bindings, matcher);
    if (built) found.push({ line: lineOf(ast, node), what: describe(node, ast), module: built.module, owner: ownerOf(node) });
  }
  return found;
}

/** The import a `new`/call target comes from, when what it builds is infrastructure. */
function builtClient(node: ts.NewExpression | ts.CallExpression, bindings: ReadonlyMap<string, Binding>, matcher: ClientMatcher): Binding | null {
  const target = importedTarget(node.expression, bindings);
  return target && matcher.matches(target.module, target.name, ts.isNewExpression(node)) ? target : null;
}

/** `Pool` imported by name, `pg.Pool` through a namespace or default import, `knex` as a default import or `require`. */
function importedTarget(callee: ts.Expression, bindings: ReadonlyMap<string, Binding>): Binding | null {
  if (ts.isIdentifier(callee)) return directTarget(bindings.get(callee.text));
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return null;
  return memberTarget(bindings.get(callee.expression.text), callee.name.text);
}

/** `knex(…)`: the binding itself; a whole module called directly is its default export (CommonJS `require`). */
function directTarget(binding: Binding | undefined): Binding | null {
  if (!binding) return null;
  return binding.name === "*" ? { module: binding.module, name: "default" } : binding;
}

/** `pg.Pool`: a member of a namespace or default import is that module's export. */
function memberTarget(binding: Binding | undefined, member: string): Binding | null {
  const isWhole = binding?.name === "*" || binding?.name === "default";
  return binding && isWhole ? { module: binding.module, name: member } : null;
}

/** `new PrismaClient()`, `axios.create()`: the callee with empty parentheses, short enough for a message. */
function describe(node: ts.NewExpression | ts.CallExpression, ast: ts.SourceFile): string {
  const callee = node.expression.getText(ast).replace(/\s+/g, "").slice(0, 60);
  return `${ts.isNewExpression(node) ? "new " : ""}${callee}()`;
}

/** The nearest enclosing class, else the nearest named function, else null (module scope). */
function ownerOf(node: ts.Node): string | null {
  let functionName: string | null = null;
  for (let current = node.parent; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isClassLike(current)) return current.name?.text ?? "An anonymous class";
    functionName ??= namedFunction(current);
  }
  return functionName;
}

/** `function load() {}` and `const load = () => {}` are named; callbacks are not. */
function namedFunction(node: ts.Node): string | null {
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? null;
  if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return null;
  return ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer) ? node.name.text : null;
}
