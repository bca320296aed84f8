// How each rule of the registry behaves in the demo organisation: how far it sits from the repository's overall quality,
// when it applies, how its score follows from its findings (mirroring the analyzer's own scoring), and what one of its
// findings looks like. Every analyzer id has exactly one profile (checked at start of the generator).
import type { FindingDraft } from "../../analyzers/core/finding";
import type { Random } from "./random";
import { ADR_TITLES, NOUN_SUFFIXES, README_SECTIONS, TEST_DESCRIPTIONS, VERBS } from "./vocabulary";

export type RepositoryKind = "service" | "webapp" | "library" | "tool";

/** What the generator decided about a repository once; rules read it to decide whether they apply and where findings go. */
export interface RepositoryTraits {
  kind: RepositoryKind;
  /** Thousands of lines of code. */
  kloc: number;
  isLayered: boolean;
  typescript: boolean;
  hasTests: boolean;
  adrCount: number;
  words: readonly string[];
  sourceFiles: readonly string[];
  testFiles: readonly string[];
}

/** One finding as an analyzer would draft it; `identity` feeds the fingerprint exactly as the engine's does. */
export type DemoFinding = FindingDraft;

/**
 * How a rule turns findings into a score, after its analyzer: `share` of judged items without a finding, `density` of
 * findings per 1,000 lines against an allowance, `inverse` (100 / (1 + findings), secrets), `checks` passed out of a
 * fixed list (one finding per failed check), `levels` (100, 50 or 0), `duplication` (duplicated-lines % in bands), and
 * `records` (share of complete decision records, 0 without any).
 */
export type ScoreModel =
  | { kind: "share"; itemsPerKloc: number; minItems: number }
  | { kind: "density"; allowancePerKloc: number }
  | { kind: "inverse" }
  | { kind: "checks"; checks: number }
  | { kind: "levels" }
  | { kind: "duplication" }
  | { kind: "records" };

export interface RuleProfile {
  id: string;
  /** Added to the repository's quality for this rule: tests and docs lag behind, secrets are rare. */
  bias: number;
  /** Project rules change by decision (a CI workflow is added), not week by week: they follow the trend without noise. */
  steady: boolean;
  model: ScoreModel;
  applies(repo: RepositoryTraits): boolean;
  /** The `index`-th finding this rule can raise in the repository; `random` is that finding's own stream. */
  finding(repo: RepositoryTraits, random: Random, index: number): DemoFinding;
}

const always = () => true;
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function functionName(repo: RepositoryTraits, random: Random): string {
  return `${random.pick(VERBS)}${capital(random.pick(repo.words))}${random.pick(NOUN_SUFFIXES)}`;
}

function at(repo: RepositoryTraits, random: Random, files = repo.sourceFiles, length = random.int(1, 6)) {
  const line = random.int(3, 420);
  return { file: random.pick(files), line, endLine: line + length - 1 };
}

function functionFinding(repo: RepositoryTraits, random: Random, message: (name: string, size: number) => string, sizeRange: [number, number]): DemoFinding {
  const name = functionName(repo, random);
  const size = random.int(...sizeRange);
  return { ...at(repo, random, repo.sourceFiles, Math.min(size, 200)), message: message(name, size), identity: [name] };
}

/** A check of a fixed list: which check is `index` is decided per repository by the caller's permutation. */
function check(file: string, message: string, identity: string, line = 1): DemoFinding {
  return { file, line, endLine: line, message, identity: [identity] };
}

export const RULE_PROFILES: readonly RuleProfile[] = [
  {
    id: "blocking-calls", bias: 8, steady: false, model: { kind: "share", itemsPerKloc: 6, minItems: 4 },
    applies: (repo) => repo.kind !== "library" || repo.kloc > 4,
    finding: (repo, random) => {
      const call = random.pick(["readFileSync", "execSync", "existsSync", "writeFileSync", "crypto.pbkdf2Sync"]);
      const name = functionName(repo, random);
      return { ...at(repo, random, repo.sourceFiles, 1), message: `${call} in async function "${name}" blocks the event loop; use the promise API.`, identity: [name, call], snippet: `const data = ${call}(path.join(root, "${random.pick(repo.words)}.json"));` };
    },
  },
  {
    id: "ci-pipeline", bias: 18, steady: true, model: { kind: "levels" }, applies: always,
    finding: (_repo, _random, index) =>
      index === 0
        ? check(".github", "No CI workflow: add one that installs, builds and runs the tests on every push.", "no-workflow")
        : check(".github/workflows/build.yml", "CI workflows run no tests: add a step that runs them.", "no-tests", 12),
  },
  {
    id: "complexity", bias: 9, steady: false, model: { kind: "share", itemsPerKloc: 8, minItems: 6 }, applies: always,
    finding: (repo, random) => functionFinding(repo, random, (name, size) => `Function "${name}" has a cyclomatic complexity of ${Math.round(size / 4)} (limit 10).`, [44, 160]),
  },
  {
    id: "coverage", bias: -14, steady: false, model: { kind: "share", itemsPerKloc: 7, minItems: 5 }, applies: always,
    finding: (repo, random) => {
      const file = random.pick(repo.sourceFiles);
      const layer = /domain/.test(file) ? ["domain", 90] : /infrastructure/.test(file) ? ["infrastructure", 60] : /components|pages/.test(file) ? ["UI", 50] : ["application", 80];
      return { file, line: 1, endLine: 1, message: `${random.int(5, Number(layer[1]) - 5)}% of lines covered; the ${layer[0]} layer's target is ${layer[1]}%.`, identity: ["module"] };
    },
  },
  {
    id: "decision-records", bias: -22, steady: true, model: { kind: "records" }, applies: always,
    finding: (repo, random, index) => {
      if (index < 0) return check("docs", "No architecture decision records: record significant decisions in docs/adr/.", "no-records");
      const title = ADR_TITLES[index % ADR_TITLES.length] ?? "decision";
      const file = `docs/adr/${String(index + 1).padStart(4, "0")}-${title}.md`;
      return check(file, `${file} has no ${random.pick(["Consequences", "Status", "Context"])} section.`, title);
    },
  },
  {
    id: "dependency-inversion", bias: 2, steady: false, model: { kind: "share", itemsPerKloc: 3, minItems: 3 },
    applies: (repo) => repo.isLayered,
    finding: (repo, random) => {
      const word = capital(random.pick(repo.words));
      return { ...at(repo, random, repo.sourceFiles.filter((file) => /domain|application/.test(file)).concat(repo.sourceFiles.slice(0, 1)), 1), message: `Domain module constructs infrastructure: new ${word}Repository(); inject it instead.`, identity: [`${word}Repository`], snippet: `const repository = new ${word}Repository(pool);` };
    },
  },
  {
    id: "doc-comments", bias: -22, steady: false, model: { kind: "share", itemsPerKloc: 6, minItems: 4 }, applies: always,
    finding: (repo, random) => {
      const name = functionName(repo, random);
      return { ...at(repo, random, repo.sourceFiles, 1), message: `Exported function "${name}" has no doc comment.`, identity: [name] };
    },
  },
  {
    id: "dockerfile", bias: -4, steady: true, model: { kind: "checks", checks: 3 },
    applies: (repo) => repo.kind !== "library",
    finding: (_repo, _random, index) =>
      [
        check("Dockerfile", 'Base image "node:20" is not pinned to a version digest.', "unpinned", 1),
        check("Dockerfile", "The image runs as root: add a USER instruction.", "root", 14),
        check("Dockerfile", "No HEALTHCHECK instruction.", "healthcheck", 18),
      ][index % 3] as DemoFinding,
  },
  {
    id: "duplication", bias: 4, steady: false, model: { kind: "duplication" }, applies: always,
    finding: (repo, random) => {
      const first = at(repo, random, repo.sourceFiles, random.int(12, 80));
      const other = random.pick(repo.sourceFiles);
      const otherLine = random.int(3, 400);
      return { ...first, message: `${first.endLine - first.line + 1} lines duplicated in ${other}:${otherLine}.`, identity: [other, String(first.endLine - first.line)] };
    },
  },
  {
    id: "e2e-suite", bias: -8, steady: true, model: { kind: "levels" },
    applies: (repo) => repo.kind === "service" || repo.kind === "webapp",
    finding: () => check("package.json", "No end-to-end suite for an application with a UI or an HTTP server (Playwright, Cypress, supertest…).", "no-suite"),
  },
  {
    id: "empty-tests", bias: 10, steady: false, model: { kind: "share", itemsPerKloc: 5, minItems: 4 },
    applies: (repo) => repo.hasTests,
    finding: (repo, random) => {
      const description = random.pick(TEST_DESCRIPTIONS);
      return { ...at(repo, random, repo.testFiles, random.int(3, 9)), message: `Test "${description}" asserts nothing.`, identity: [description, String(random.int(1, 40))], snippet: `it("${description}", async () => {` };
    },
  },
  {
    id: "env-file", bias: 25, steady: true, model: { kind: "levels" }, applies: always,
    finding: (_repo, _random, index) =>
      index === 0 ? check(".env", "A .env file with values is committed: remove it and rotate what it held.", "committed") : check(".gitignore", ".gitignore does not ignore .env files.", "not-ignored"),
  },
  {
    id: "exceptions", bias: -4, steady: false, model: { kind: "share", itemsPerKloc: 8, minItems: 4 }, applies: always,
    finding: (repo, random) => {
      const word = capital(random.pick(repo.words));
      return random.chance(0.5)
        ? { ...at(repo, random, repo.sourceFiles, 1), message: "Catch block ignores the error.", identity: ["catch", String(random.int(1, 9999))], snippet: "} catch (error) {}" }
        : { ...at(repo, random, repo.sourceFiles, 1), message: `Throws a plain Error; throw one of the project's error classes (e.g. ${word}NotFoundError).`, identity: ["throw", word, String(random.int(1, 9999))], snippet: `throw new Error("${word} not found");` };
    },
  },
  {
    id: "framework-independence", bias: 5, steady: false, model: { kind: "share", itemsPerKloc: 3, minItems: 3 },
    applies: (repo) => repo.isLayered,
    finding: (repo, random) => {
      const framework = random.pick(["@prisma/client", "express", "react", "pg", "typeorm"]);
      return { ...at(repo, random, repo.sourceFiles, 1), message: `Domain module imports "${framework}": keep frameworks in the outer layers.`, identity: [framework], snippet: `import { ${framework === "react" ? "useState" : "Client"} } from "${framework}";` };
    },
  },
  {
    id: "function-size", bias: -3, steady: false, model: { kind: "share", itemsPerKloc: 10, minItems: 6 }, applies: always,
    finding: (repo, random) =>
      random.chance(0.15)
        ? functionFinding(repo, random, (name) => `Function "${name.replace(/^(\w+?)([A-Z])/, "$1And$2")}" joins two actions in its name; split it.`, [5, 40])
        : functionFinding(repo, random, (name, size) => `Function "${name}" has ${size} lines (limit 50).`, [51, 240]),
  },
  {
    id: "health-endpoint", bias: 10, steady: true, model: { kind: "levels" },
    applies: (repo) => repo.kind === "service" || repo.kind === "webapp",
    finding: () => check("src/server.ts", "The application serves HTTP but exposes no health endpoint (/health, /healthz or /api/health).", "no-endpoint"),
  },
  {
    id: "injection", bias: 12, steady: false, model: { kind: "density", allowancePerKloc: 5 }, applies: always,
    finding: (repo, random) => {
      const word = random.pick(repo.words);
      return random.chance(0.7)
        ? { ...at(repo, random, repo.sourceFiles, 1), message: "SQL built from a template string with interpolated values; use a parameterised query.", identity: ["sql", word], snippet: `await db.query(\`SELECT * FROM ${word}s WHERE id = '\${id}'\`);` }
        : { ...at(repo, random, repo.sourceFiles, 1), message: "Shell command built from a string; pass arguments as an array (execFile).", identity: ["shell", word], snippet: `exec("tar -czf " + ${word}Path + " " + target);` };
    },
  },
  {
    id: "interface-segregation", bias: 8, steady: false, model: { kind: "share", itemsPerKloc: 2, minItems: 2 },
    applies: (repo) => repo.kloc > 2,
    finding: (repo, random) => {
      const name = `${capital(random.pick(repo.words))}${random.pick(["Service", "Gateway", "Store", "Client"])}`;
      return { ...at(repo, random, repo.sourceFiles, random.int(20, 60)), message: `Interface "${name}" has ${random.int(8, 19)} methods (limit 7); split it by the clients that use it.`, identity: [name] };
    },
  },
  {
    id: "layering", bias: 3, steady: false, model: { kind: "share", itemsPerKloc: 6, minItems: 5 }, applies: always,
    finding: (repo, random) => {
      const target = random.pick(repo.sourceFiles);
      return random.chance(0.75)
        ? { ...at(repo, random, repo.sourceFiles, 1), message: `Import of "${target}" points outward (domain → infrastructure).`, identity: ["outward", target], snippet: `import { ${functionName(repo, random)} } from "../${target.replace(/^src\//, "").replace(/\.tsx?$/, "")}";` }
        : { ...at(repo, random, repo.sourceFiles, 1), message: `Import closes a cycle through "${target}".`, identity: ["cycle", target] };
    },
  },
  {
    id: "license", bias: 22, steady: true, model: { kind: "levels" }, applies: always,
    finding: () => check("package.json", 'No license stated: add a LICENSE file or package.json "license".', "no-license"),
  },
  {
    id: "logs", bias: -4, steady: false, model: { kind: "share", itemsPerKloc: 8, minItems: 4 }, applies: always,
    finding: (repo, random) => {
      const method = random.pick(["log", "log", "error", "warn", "debug"]);
      const word = random.pick(repo.words);
      return { ...at(repo, random, repo.sourceFiles, 1), message: `console.${method} in production code: use the structured logger.`, identity: [method, word], snippet: `console.${method}("${word} processed", ${word});` };
    },
  },
  {
    id: "naming", bias: 10, steady: false, model: { kind: "share", itemsPerKloc: 15, minItems: 10 }, applies: always,
    finding: (repo, random) => {
      const word = random.pick(repo.words);
      const name = random.pick([`${word}_data`, `${word.toUpperCase()}_tmp`, `${capital(word)}2`, `x${random.int(1, 9)}`, `${word}_list`]);
      return { ...at(repo, random, repo.sourceFiles, 1), message: `"${name}" does not follow the naming conventions (camelCase variables and functions).`, identity: [name] };
    },
  },
  {
    id: "query-in-loop", bias: 5, steady: false, model: { kind: "share", itemsPerKloc: 3, minItems: 2 },
    applies: (repo) => repo.kind !== "webapp" && repo.kloc > 2,
    finding: (repo, random) => {
      const word = random.pick(repo.words);
      return { ...at(repo, random, repo.sourceFiles, 3), message: `A query per item inside a loop over "${word}s" (N+1): load them in one query.`, identity: [word], snippet: `for (const ${word} of ${word}s) await db.${word}.findUnique({ where: { id: ${word}.id } });` };
    },
  },
  {
    id: "readme", bias: -4, steady: true, model: { kind: "checks", checks: README_SECTIONS.length }, applies: always,
    finding: (_repo, _random, index) => {
      const section = README_SECTIONS[index % README_SECTIONS.length] ?? "Usage";
      return check("README.md", `README has no "${section}" section.`, section);
    },
  },
  {
    id: "secrets", bias: 20, steady: false, model: { kind: "inverse" }, applies: always,
    finding: (repo, random) => {
      const kind = random.pick([
        ["AWS access key", 'const accessKeyId = "AKIA••••••••••••3XQF";'],
        ["Stripe secret key", 'const stripe = new Stripe("sk_live_••••••••••••••••");'],
        ["private key", 'privateKey: process.env.SIGNING_KEY ?? "MIIE••••••••••••",'],
        ["high-entropy password", 'password: "••••••••••••",'],
      ] as const);
      return { ...at(repo, random, repo.sourceFiles.concat(["scripts/deploy.ts", "config/default.ts"]), 1), message: `Hardcoded ${kind[0]}: move it to the environment or a secret store, and rotate it.`, identity: [kind[0], String(random.int(1, 9999))], snippet: kind[1] };
    },
  },
  {
    id: "test-presence", bias: -18, steady: false, model: { kind: "share", itemsPerKloc: 7, minItems: 5 }, applies: always,
    finding: (repo, random) => {
      const file = random.pick(repo.sourceFiles);
      return { file, line: 1, endLine: 1, message: "No test file is named after or imports this module.", identity: ["module"] };
    },
  },
  {
    id: "type-safety", bias: 0, steady: false, model: { kind: "density", allowancePerKloc: 15 },
    applies: (repo) => repo.typescript,
    finding: (repo, random) => {
      const word = random.pick(repo.words);
      const [message, snippet] = random.pick([
        ['Explicit "any" type.', `function parse${capital(word)}(input: any) {`],
        ["Non-null assertion (!) hides a possible undefined.", `const ${word} = ${word}s.get(id)!;`],
        ["@ts-ignore without a reason.", "// @ts-ignore"],
        ['Type assertion to "any".', `(${word} as any).legacyId`],
      ] as const);
      return { ...at(repo, random, repo.sourceFiles, 1), message, identity: [message, word, String(random.int(1, 9999))], snippet };
    },
  },
  {
    id: "unused-exports", bias: -8, steady: false, model: { kind: "share", itemsPerKloc: 6, minItems: 4 }, applies: always,
    finding: (repo, random) => {
      const name = functionName(repo, random);
      return { ...at(repo, random, repo.sourceFiles, 1), message: `Export "${name}" is not used by any module.`, identity: [name] };
    },
  },
  {
    id: "versioning", bias: -10, steady: true, model: { kind: "checks", checks: 3 }, applies: always,
    finding: (_repo, _random, index) =>
      [
        check("CHANGELOG.md", "No changelog with releases: keep a CHANGELOG.md with one heading per release.", "changelog"),
        check("CHANGELOG.md", 'Release heading "next" is not a semantic version.', "release-heading", 5),
        check("package.json", 'package.json version "0.0.0-dev" is not a semantic release version.', "package-version", 3),
      ][index % 3] as DemoFinding,
  },
];

