import path from "node:path";
import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { packageScripts, readPackageJson, readRepoFile, type PackageJson } from "../../source/repo-files";
import { isTestFile } from "../../source/roles";

/** `.env`, `.env.local`, `.env.production.local`; `.envrc` (direnv) is a script, not a dotenv file. */
const ENV_NAME = /^\.env(?:\.[\w.-]+)?$/i;
/** Templates that document the variables without values, and dotenv-vault's encrypted `.env.vault`: committed on purpose. */
const TEMPLATE_WORDS = ["example", "examples", "sample", "template", "dist", "defaults", "default", "schema", "tpl", "skeleton", "stub", "vault"];
/** Settings for the test suite (dotenv-flow, Next.js and Vite load `.env.test` in tests): committed on purpose. */
const TEST_ENVIRONMENTS = ["test", "tests", "testing", "ci", "e2e"];
/** A value that stands for one to be filled in: empty, `<…>`, `${OTHER}`, `changeme`, `your-key-here`, `xxx`. */
const PLACEHOLDER = /^(?:|<[^>]*>|\$\{?\w+\}?|\*+|x+|\.+|-+|_+|null|none|todo|tbd|changeme|change[-_ ]?me|replace[-_ ]?me|.*(?:your[-_ ]|example|placeholder|dummy|fake|sample|<|>).*)$/i;
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=\s*(.*)$/;
/** Code that loads .env files: imports of dotenv and its kin or of Next.js's loader, Node's `--env-file`. */
const LOADS_ENV_FILES = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](?:dotenv(?:\/config)?|dotenv-[\w-]+|@dotenvx\/dotenvx|@next\/env)["']|\bloadEnvConfig\s*\(|--env-file\b/;
const ENV_FILE_HINT = /dotenv|@next\/env|loadEnvConfig|--env-file/;
/** Dependencies that load .env files (frameworks that read them by themselves included). */
const ENV_FILE_PACKAGES = /^(?:dotenv(?:-[\w-]+)?|@dotenvx\/dotenvx|env-cmd|next|vite|nuxt|@nestjs\/config|@next\/env)$/;

const options = z.strictObject({
  /** Treat `.env.test`, `.env.ci` and `.env.e2e` as committed on purpose. */
  allowTestEnvironments: z.boolean().default(true),
});

interface EnvFacts {
  hasEnvFileLoader: boolean;
}

/** `[SECRETS]`: no committed .env file with values, and a .gitignore that ignores .env. */
export const envFile = defineAnalyzer({
  meta: {
    id: "env-file",
    guideTags: ["SECRETS"],
    section: "security",
    description: "Committed .env files holding values, and a .gitignore that does not ignore .env.",
    defaultSeverity: "error",
    weight: 1,
    scope: "project",
    options,
    scoring: "0 when a .env file with values is committed, 50 when only .gitignore fails to ignore .env, 100 otherwise.",
  },
  collect: (file): EnvFacts => ({ hasEnvFileLoader: ENV_FILE_HINT.test(file.text) && LOADS_ENV_FILES.test(file.text) }),
  combine({ root, files, repositoryFiles, options: { allowTestEnvironments } }) {
    const envFiles = repositoryFiles.filter((file) => ENV_NAME.test(path.posix.basename(file)));
    const committed = envFiles.filter((file) => isJudged(file, allowTestEnvironments) && hasValues(readRepoFile(root, file) ?? ""));
    const committedFindings = committed.map(committedFinding);
    const isUsingEnvFiles = envFiles.length > 0 || files.some((file) => file.facts.hasEnvFileLoader && !isTestFile(file.path)) || hasEnvFilePackage(readPackageJson(root));
    const gitignore = readRepoFile(root, ".gitignore");
    const gitignoreFinding = gitignore !== null && isUsingEnvFiles && !isDotEnvIgnored(gitignore) ? unignoredFinding() : null;
    const findings = gitignoreFinding ? [...committedFindings, gitignoreFinding] : committedFindings;
    return {
      findings,
      metrics: { envFiles: envFiles.length, committedEnvFiles: committed.length },
      score: (active) => (committedFindings.some((finding) => active.includes(finding)) ? 0 : gitignoreFinding && active.includes(gitignoreFinding) ? 50 : 100),
    };
  },
});

function hasEnvFilePackage(pkg: PackageJson | null): boolean {
  const dependencies = ["dependencies", "devDependencies", "optionalDependencies"].flatMap((field) => {
    const value = pkg?.data[field];
    return typeof value === "object" && value !== null ? Object.keys(value) : [];
  });
  return dependencies.some((name) => ENV_FILE_PACKAGES.test(name)) || Object.values(packageScripts(pkg)).some((script) => /--env-file\b|\bdotenv\b/.test(script));
}

/** Templates are never judged; test-environment files only when the option says so. */
function isJudged(file: string, shouldAllowTestEnvironments: boolean): boolean {
  const words = path.posix.basename(file).toLowerCase().split(".").slice(2);
  if (words.some((word) => TEMPLATE_WORDS.includes(word))) return false;
  const isTestEnvironment = words.some((word) => TEST_ENVIRONMENTS.includes(word)) || isTestFile(file);
  return !(shouldAllowTestEnvironments && isTestEnvironment);
}

/** True when some assignment has a real value; values are only tested here, never kept or reported. */
function hasValues(text: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const value = ASSIGNMENT.exec(line)?.[1]?.replace(/\s+#.*$/, "").trim().replace(/^(["'])(.*)\1$/, "$2");
    return value !== undefined && !PLACEHOLDER.test(value);
  });
}

function committedFinding(file: string): FindingDraft {
  return {
    file,
    line: 1,
    endLine: 1,
    message: `${file} is committed with values: remove it from the repository (git rm --cached), add it to .gitignore, rotate any secret it held, and commit a ${path.posix.dirname(file) === "." ? "" : `${path.posix.dirname(file)}/`}.env.example with empty values instead.`,
    identity: ["committed-env"],
  };
}

function unignoredFinding(): FindingDraft {
  return {
    file: ".gitignore",
    line: 1,
    endLine: 1,
    message: ".gitignore does not ignore .env: add a line \".env\" (and \".env*.local\") so local secrets are never committed.",
    identity: ["env-not-ignored"],
  };
}

/** Whether `.env` at the root is ignored by the root .gitignore: the last matching pattern wins, `!` re-includes. */
function isDotEnvIgnored(gitignore: string): boolean {
  let isIgnored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const isNegated = line.startsWith("!");
    const pattern = (isNegated ? line.slice(1) : line).replace(/^\//, "").replace(/^\*\*\//, "");
    if (pattern.endsWith("/") || pattern.includes("/")) continue; // folder-only or deeper patterns never match the root .env file
    if (isGlobMatch(pattern, ".env")) isIgnored = !isNegated;
  }
  return isIgnored;
}

function isGlobMatch(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  try {
    return new RegExp(`^${source}$`).test(name);
  } catch {
    return false;
  }
}
