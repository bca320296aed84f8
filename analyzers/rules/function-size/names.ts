import { declaredName } from "./functions";

/**
 * Verbs that, after "And" in a name, start a second action (`validateAndSave`). Words that are as often nouns in
 * names — count, index, record, report, type, order, get, return, wait — are left out: `getManyAndCount` returns a
 * list and its count, `getQueryAndParameters` one pair, `sendAndWait` one round trip.
 */
const ACTION_VERBS: ReadonlySet<string> = new Set([
  "add", "analyze", "animate", "append", "apply", "assign", "attach", "bind", "build", "bundle", "cache", "calculate",
  "check", "clean", "clear", "click", "clone", "close", "collect", "commit", "compile", "compress", "compute", "connect",
  "convert", "copy", "create", "decode", "decompress", "decrypt", "delete", "deploy", "deserialize", "destroy", "detach",
  "disconnect", "dispatch", "display", "dispose", "download", "drop", "emit", "encode", "encrypt", "enqueue", "ensure",
  "execute", "exit", "extract", "fetch", "fill", "filter", "find", "flush", "focus", "format", "generate", "group",
  "handle", "hash", "hide", "hydrate", "init", "initialize", "insert", "install", "invoke", "join", "kill", "load",
  "lock", "log", "map", "mark", "merge", "migrate", "minify", "mount", "move", "navigate", "normalize", "notify", "open",
  "parse", "patch", "persist", "pop", "populate", "prepare", "print", "process", "publish", "push", "read", "redirect",
  "refresh", "register", "release", "reload", "remove", "rename", "render", "replace", "reset", "resize", "resolve",
  "restart", "retry", "run", "sanitize", "save", "scan", "schedule", "scroll", "search", "select", "send", "serialize",
  "set", "show", "sign", "sort", "spawn", "split", "start", "stop", "store", "stringify", "submit", "subscribe", "sync",
  "test", "throw", "track", "transform", "trigger", "trim", "truncate", "unlock", "unmount", "unsubscribe", "unwrap",
  "update", "upload", "upsert", "validate", "verify", "wrap", "write",
]);

/** Predicates test one combined condition (`isAdminAndActive`): they answer one question, they do not act twice. */
const PREDICATE = /^(?:is|has|can|should|are|was|were|does|did|will|must)(?:[A-Z_]|$)/;
/** A camelCase `And` after a lowercase letter or digit, and the word after it (`validateAndSave` → `Save`). */
const CAMEL_AND = /[a-z0-9]And([A-Z][a-z]*)/g;
/** A snake_case `_and_` and the word after it (`process_order_and_send_email` → `send`). */
const SNAKE_AND = /[a-zA-Z0-9]_and_([a-zA-Z]+)/gi;

/** The declared name of a function when it joins two actions with "And" (`validateAndSave`, `fetch_and_parse`), else null. */
export function joinedActions(functionName: string): string | null {
  const name = declaredName(functionName);
  if (name === null || PREDICATE.test(name)) return null;
  const following = [...name.matchAll(CAMEL_AND), ...name.matchAll(SNAKE_AND)].map((match) => (match[1] ?? "").toLowerCase());
  return following.some((word) => ACTION_VERBS.has(word)) ? name : null;
}
