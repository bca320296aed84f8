import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { SEVERITIES } from "./finding";

export const CONFIG_FILE_NAME = "heimdall.config.json";

/** A glob, optionally with the reason it is left out: `"vendor/**"` or `{ "pattern": "vendor/**", "reason": "third-party" }`. */
const exclusionSchema = z.union([z.string().min(1), z.strictObject({ pattern: z.string().min(1), reason: z.string().min(1).optional() })]);

const ruleConfigSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Files whose findings of this rule are kept but suppressed, e.g. a CLI folder for the logs rule; listed in the ledger. */
  exclude: z.array(exclusionSchema).optional(),
  severity: z.enum(SEVERITIES).optional(),
  weight: z.number().min(0).max(100).optional(),
  /** Checked against the analyzer's own options schema when the analysis starts. */
  options: z.record(z.string(), z.unknown()).optional(),
});

/** One layer of configuration: organisation defaults, a team's, or a repository's `heimdall.config.json`. */
export const configLayerSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Globs of files to leave out (relative to the repository root); reported in the suppression ledger. */
  exclude: z.array(exclusionSchema).optional(),
  rules: z.record(z.string(), ruleConfigSchema).optional(),
});

export type ConfigLayer = z.infer<typeof configLayerSchema>;

/** An exclusion as the ledger reports it: which glob, why, and which configuration layer said so. */
export interface Exclusion {
  pattern: string;
  reason: string | null;
  source: string;
}

export type RuleConfig = Omit<z.infer<typeof ruleConfigSchema>, "exclude"> & { exclude?: Exclusion[] };

export interface ResolvedConfig {
  exclude: Exclusion[];
  rules: Record<string, RuleConfig>;
}

/** A configuration layer and where it came from ("organisation", "team", "heimdall.config.json"), for the ledger. */
export interface NamedLayer {
  source: string;
  layer: ConfigLayer | undefined;
}

function exclusionsOf(entries: z.infer<typeof exclusionSchema>[] | undefined, source: string): Exclusion[] {
  return (entries ?? []).map((entry) =>
    typeof entry === "string" ? { pattern: entry, reason: null, source } : { pattern: entry.pattern, reason: entry.reason ?? null, source },
  );
}

/**
 * A configuration or input file the user supplied is unreadable or invalid. Retrying cannot help, so the scan service
 * treats it as a permanent failure and the CLI prints the message without a stack trace.
 */
export class ConfigFileError extends Error {
  override name = "ConfigFileError";
}

/** Later layers win: org defaults ← team ← repository. Excludes add up; rule settings and options merge per key. */
export function mergeNamedConfig(layers: readonly NamedLayer[]): ResolvedConfig {
  const resolved: ResolvedConfig = { exclude: [], rules: {} };
  for (const { source, layer } of layers) {
    if (!layer) continue;
    resolved.exclude.push(...exclusionsOf(layer.exclude, source));
    for (const [id, rule] of Object.entries(layer.rules ?? {})) resolved.rules[id] = mergeRule(resolved.rules[id] ?? {}, rule, source);
  }
  return resolved;
}

function mergeRule(before: RuleConfig, rule: z.infer<typeof ruleConfigSchema>, source: string): RuleConfig {
  const { exclude: ruleExclude, ...settings } = rule;
  const merged: RuleConfig = { ...before, ...settings };
  if (before.options || rule.options) merged.options = { ...before.options, ...rule.options };
  const exclude = [...(before.exclude ?? []), ...exclusionsOf(ruleExclude, source)];
  if (exclude.length > 0) merged.exclude = exclude;
  return merged;
}

/** Names each layer that has no name by its position: "configuration layer 1", "… 2" (as the ledger reports it). */
export function nameLayers(layers: ReadonlyArray<ConfigLayer | NamedLayer | undefined>): NamedLayer[] {
  return layers.map((layer, index) => (layer !== undefined && "layer" in layer ? layer : { source: `configuration layer ${index + 1}`, layer }));
}

/** `mergeNamedConfig` for layers given without names. */
export function mergeConfig(...layers: ReadonlyArray<ConfigLayer | NamedLayer | undefined>): ResolvedConfig {
  return mergeNamedConfig(nameLayers(layers));
}

/** Parses a configuration layer, naming the file and each problem in the error. */
export function parseConfigLayer(value: unknown, source: string): ConfigLayer {
  const result = configLayerSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new ConfigFileError(`${source} is not a valid Heimdall configuration: ${problems.join("; ")}`);
}

/** Reads `heimdall.config.json` at the repository root, if there is one. */
export async function readRepoConfig(root: string): Promise<ConfigLayer | undefined> {
  const file = path.join(root, CONFIG_FILE_NAME);
  // lstat, never a read through a link: JSON.parse quotes the start of what it cannot parse, so a link to /etc/passwd
  // would put "root:x:0:0" into the scan's error (hostile-repos test).
  const stats = await lstat(file).catch(() => undefined);
  if (!stats) return undefined;
  if (stats.isSymbolicLink()) throw new ConfigFileError(`${CONFIG_FILE_NAME} is a symbolic link; Heimdall never follows links in a repository.`);
  if (!stats.isFile()) throw new ConfigFileError(`${CONFIG_FILE_NAME} is not a regular file.`);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ConfigFileError(`${CONFIG_FILE_NAME} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfigLayer(value, CONFIG_FILE_NAME);
}

/** Converts a glob (`**`, `*`, `?`) to a regular expression over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? "";
    if (char === "*" && glob[index + 1] === "*") {
      const slash = glob[index + 2] === "/";
      pattern += slash ? "(?:.*/)?" : ".*";
      index += slash ? 2 : 1;
    } else if (char === "*") pattern += "[^/]*";
    else if (char === "?") pattern += "[^/]";
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // A glob naming a folder also covers everything inside it.
  return new RegExp(`^${pattern}(?:/.*)?$`);
}
