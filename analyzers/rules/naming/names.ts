/** The case conventions of `[NAME]`, written for TypeScript: the guide's snake_case becomes camelCase. */
export type NameCase = "PascalCase" | "camelCase" | "UPPER_SNAKE_CASE";

const PASCAL = /^\p{Lu}[\p{L}\p{N}]*$/u;
const CAMEL = /^\p{Ll}[\p{L}\p{N}]*$/u;
const UPPER_SNAKE = /^\p{Lu}[\p{Lu}\p{N}]*(?:_[\p{Lu}\p{N}]+)*$/u;

/**
 * The name without the affixes conventions allow around it: leading `_` (unused or private), leading `$` and the
 * trailing `$` of observables.
 */
export function coreOf(name: string): string {
  return name.replace(/^[_$]+/, "").replace(/\$+$/, "");
}

/** Whether the name is written in the case; a name made only of affixes (`_`, `$`) fits every case. */
export function isInCase(name: string, nameCase: NameCase): boolean {
  const core = coreOf(name);
  if (core === "") return true;
  if (nameCase === "PascalCase") return PASCAL.test(core);
  if (nameCase === "camelCase") return CAMEL.test(core);
  return UPPER_SNAKE.test(core);
}

/** `user_email` → [user, email], `parseHTMLText` → [parse, HTML, Text]. */
function wordsOf(name: string): string[] {
  return coreOf(name)
    .split(/_+/)
    .flatMap((part) => part.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((word) => word !== "");
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The name rewritten in the case, as a suggestion in a finding's message. */
export function toCase(name: string, nameCase: NameCase): string {
  const words = wordsOf(name);
  if (words.length === 0) return name;
  if (nameCase === "UPPER_SNAKE_CASE") return words.map((word) => word.toUpperCase()).join("_");
  const pascal = words.map(capitalized).join("");
  return nameCase === "PascalCase" ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Whether a boolean's name starts with one of the prefixes, as a whole word (`isValid`, `IS_VALID`, not `island`). */
export function hasBooleanPrefix(name: string, prefixes: readonly string[]): boolean {
  const core = coreOf(name);
  return prefixes.some((prefix) => {
    if (core.startsWith(prefix)) return core.length === prefix.length || /[\p{Lu}\p{N}_]/u.test(core.charAt(prefix.length));
    const upper = prefix.toUpperCase();
    return core.startsWith(upper) && (core.length === upper.length || core.charAt(upper.length) === "_");
  });
}

/** First words that name an action (`dropIndices`, `useCache`): such flags read best with `should`, states with `is`. */
const ACTION_WORDS = new Set([
  "add", "allow", "apply", "cache", "call", "cascade", "check", "clear", "create", "delete", "disable", "drop", "emit", "enable",
  "exclude", "fetch", "follow", "force", "hide", "if", "ignore", "include", "insert", "keep", "load", "log", "merge", "override",
  "parse", "print", "reload", "remove", "render", "replace", "reset", "resolve", "retry", "return", "run", "save", "select",
  "send", "set", "show", "skip", "strip", "sync", "throw", "trim", "update", "use", "validate", "wait", "wrap",
]);

/** The prefix a suggestion uses: `should` for actions, `is` otherwise, when the options allow them. */
function prefixFor(name: string, prefixes: readonly string[]): string {
  const first = (wordsOf(name)[0] ?? "").toLowerCase();
  const preferred = ACTION_WORDS.has(first) ? "should" : "is";
  return prefixes.includes(preferred) ? preferred : (prefixes[0] ?? "is");
}

/** `enabled` → `isEnabled`, `dropIndices` → `shouldDropIndices`, `DEBUG` → `IS_DEBUG` (a suggestion, not a rule). */
export function withBooleanPrefix(name: string, prefixes: readonly string[], nameCase: NameCase): string {
  const prefix = prefixFor(name, prefixes);
  if (nameCase === "UPPER_SNAKE_CASE") return `${prefix.toUpperCase()}_${toCase(name, "UPPER_SNAKE_CASE")}`;
  return `${prefix}${toCase(name, "PascalCase")}`;
}
