import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { SEVERITIES } from "./finding";

export const CONFIG_FILE_NAME = "heimdall.config.json";

const ruleConfigSchema = z.strictObject({
  enabled: z.boolean().optional(),
  severity: z.enum(SEVERITIES).optional(),
  weight: z.number().min(0).max(100).optional(),
  /** Checked against the analyzer's own options schema when the analysis starts. */
  options: z.record(z.string(), z.unknown()).optional(),
});

/** One layer of configuration: organisation defaults, a team's, or a repository's `heimdall.config.json`. */
export const configLayerSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Globs of files to leave out (relative to the repository root); reported in the suppression ledger. */
  exclude: z.array(z.string().min(1)).optional(),
  rules: z.record(z.string(), ruleConfigSchema).optional(),
});

export type RuleConfig = z.infer<typeof ruleConfigSchema>;
export type ConfigLayer = z.infer<typeof configLayerSchema>;

export interface ResolvedConfig {
  exclude: string[];
  rules: Record<string, RuleConfig>;
}

export class ConfigFileError extends Error {
  override name = "ConfigFileError";
}

/** Later layers win: org defaults ← team ← repository. Excludes add up; rule settings and options merge per key. */
export function mergeConfig(...layers: ReadonlyArray<ConfigLayer | undefined>): ResolvedConfig {
  const resolved: ResolvedConfig = { exclude: [], rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    resolved.exclude.push(...(layer.exclude ?? []));
    for (const [id, rule] of Object.entries(layer.rules ?? {})) {
      const before = resolved.rules[id] ?? {};
      const options = before.options || rule.options ? { ...before.options, ...rule.options } : undefined;
      resolved.rules[id] = { ...before, ...rule, ...(options ? { options } : {}) };
    }
  }
  return resolved;
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
  if (!existsSync(file)) return undefined;
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
