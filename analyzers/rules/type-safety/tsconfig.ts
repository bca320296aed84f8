import { lstatSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";

/** The compiler options this rule reads; `undefined` where no config in the chain sets them. */
interface StrictFlags {
  strict?: boolean;
  noImplicitAny?: boolean;
  strictNullChecks?: boolean;
  /** A base config could not be read (a package, a path outside the checkout, a symlink): unset flags are unknown. */
  hasUnknownBase: boolean;
}

/** What the repository's tsconfig.json says about strict checking, and the line to point at. */
export interface Strictness {
  status: "strict" | "loose" | "unknown";
  /** Strict-family checks switched off again after `"strict": true`. */
  disabled: string[];
  line: number;
}

const CONFIG_FILE = "tsconfig.json";
const MAX_EXTENDS_DEPTH = 5;
const MAX_CONFIG_BYTES = 1024 * 1024;
/** Flags that undo the heart of `strict` when set to false beside it. */
const KEY_STRICT_FLAGS = ["noImplicitAny", "strictNullChecks"] as const;

/** Reads `<root>/tsconfig.json` and the local configs it extends; null when there is none to read. */
export function readStrictness(root: string): Strictness | null {
  const reader = checkoutReader(root);
  const text = reader(CONFIG_FILE);
  if (text === null) return null;
  const flags = flagsOf(reader, CONFIG_FILE, text, 0);
  const disabled = KEY_STRICT_FLAGS.filter((flag) => flags[flag] === false);
  const status = flags.strict === true ? (disabled.length > 0 ? "loose" : "strict") : flags.strict === false || !flags.hasUnknownBase ? "loose" : "unknown";
  return { status, disabled: flags.strict === true ? disabled : [], line: lineToShow(text, flags.strict === true ? disabled[0] : "strict") };
}

type Reader = (relative: string) => string | null;

/**
 * Reads a file of the checkout by its relative path, or null when it is missing, too large, outside the checkout or
 * reached through a symlink (the real path must be the path itself).
 */
function checkoutReader(root: string): Reader {
  const realRoot = safeRealpath(root);
  return (relative) => {
    const absolute = path.resolve(root, relative);
    const inside = path.relative(root, absolute);
    if (realRoot === null || inside.startsWith("..") || path.isAbsolute(inside)) return null;
    try {
      const stats = lstatSync(absolute);
      if (!stats.isFile() || stats.size > MAX_CONFIG_BYTES || realpathSync(absolute) !== path.join(realRoot, inside)) return null;
      return readFileSync(absolute, "utf8");
    } catch {
      return null;
    }
  };
}

function safeRealpath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

interface ConfigJson {
  extends?: unknown;
  compilerOptions?: Record<string, unknown>;
}

/** The flags of one config over those of the configs it extends (later bases win, the config itself wins last). */
function flagsOf(reader: Reader, relative: string, text: string, depth: number): StrictFlags {
  const { config } = ts.parseConfigFileTextToJson(relative, text) as { config?: ConfigJson };
  const bases: unknown[] = Array.isArray(config?.extends) ? config.extends : config?.extends === undefined ? [] : [config.extends];
  const inherited = inheritedFlags(reader, relative, bases, depth);
  return { ...inherited, ...definedFlags(config?.compilerOptions ?? {}), hasUnknownBase: inherited.hasUnknownBase || config === undefined };
}

function inheritedFlags(reader: Reader, relative: string, bases: readonly unknown[], depth: number): StrictFlags {
  let flags: StrictFlags = { hasUnknownBase: false };
  for (const base of bases) {
    const inherited = typeof base === "string" ? baseFlags(reader, relative, base, depth) : null;
    flags = { ...flags, ...definedFlags(inherited ?? {}), hasUnknownBase: flags.hasUnknownBase || (inherited?.hasUnknownBase ?? true) };
  }
  return flags;
}

/** A relative `extends` inside the checkout, tried as written and with `.json`; packages are not followed. */
function baseFlags(reader: Reader, from: string, base: string, depth: number): StrictFlags | null {
  if ((!base.startsWith("./") && !base.startsWith("../")) || depth >= MAX_EXTENDS_DEPTH) return null;
  const target = path.posix.join(path.posix.dirname(from), base);
  for (const candidate of target.endsWith(".json") ? [target] : [target, `${target}.json`]) {
    const text = reader(candidate);
    if (text !== null) return flagsOf(reader, candidate, text, depth + 1);
  }
  return null;
}

function definedFlags(options: object): Partial<StrictFlags> {
  const flags: Partial<StrictFlags> = {};
  for (const key of ["strict", ...KEY_STRICT_FLAGS] as const) {
    const value: unknown = (options as Record<string, unknown>)[key];
    if (typeof value === "boolean") flags[key] = value;
  }
  return flags;
}

/** The line of the flag in compilerOptions, else of compilerOptions, else 1. */
function lineToShow(text: string, flag: string | undefined): number {
  const json = ts.parseJsonText(CONFIG_FILE, text);
  const root = json.statements[0]?.expression;
  const compilerOptions = root && ts.isObjectLiteralExpression(root) ? propertyNamed(root, "compilerOptions") : undefined;
  const options = compilerOptions?.initializer;
  const flagProperty = flag && options && ts.isObjectLiteralExpression(options) ? propertyNamed(options, flag) : undefined;
  const shown = flagProperty ?? compilerOptions;
  return shown ? json.getLineAndCharacterOfPosition(shown.getStart(json)).line + 1 : 1;
}

function propertyNamed(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && ts.isStringLiteral(property.name) && property.name.text === name,
  );
}
