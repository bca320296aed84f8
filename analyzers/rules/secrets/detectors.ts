import { createHash } from "node:crypto";

/** A secret found in source text: where, what kind, and a redacted form — never the value itself. */
export interface SecretMatch {
  kind: string;
  /** Offset of the secret in the file text. */
  offset: number;
  redacted: string;
  /** First 12 hex digits of the secret's SHA-256: tells two findings of the same secret apart without revealing it. */
  hash: string;
}

interface FormatDetector {
  kind: string;
  pattern: RegExp;
  /** Index of the capture group holding the secret (0: the whole match). */
  group?: number;
}

/** Formats that are secrets whatever the variable is called (as in secretlint's and gitleaks' rule sets). */
const FORMATS: readonly FormatDetector[] = [
  { kind: "AWS access key id", pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, group: 1 },
  { kind: "GitHub token", pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g, group: 1 },
  { kind: "Slack token", pattern: /\b(xox[baprs]-[A-Za-z0-9-]{10,})\b/g, group: 1 },
  { kind: "Stripe secret key", pattern: /\b((?:sk|rk)_live_[0-9a-zA-Z]{24,})\b/g, group: 1 },
  { kind: "Google API key", pattern: /\b(AIza[0-9A-Za-z_-]{35})\b/g, group: 1 },
  { kind: "npm token", pattern: /\b(npm_[A-Za-z0-9]{36})\b/g, group: 1 },
  { kind: "private key", pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g },
  {
    kind: "password in a connection string",
    pattern: /\b(?:mongodb(?:\+srv)?|postgres(?:ql)?|mysql|mariadb|mssql|redis|rediss|amqps?):\/\/[^\s:@/"'`]+:([^\s@/"'`]+)@/g,
    group: 1,
  },
];

/** The last word of a name that holds a credential: `dbPassword`, `clientSecret`, `API_TOKEN` (not `passwordHint`). */
const CREDENTIAL_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "credentials"]);
/** `…Key` is a credential only after one of these: `apiKey`, `privateKey`, `accessKey` (not `sortKey`). */
const KEY_QUALIFIERS = new Set(["api", "private", "access", "auth", "secret", "signing", "encryption", "client", "master"]);

const PLACEHOLDER = /^(?:password|passwd|secret|token|changeme|change[-_]me|example|test|dummy|fake|sample|placeholder|redacted|null|undefined|none|x+|\*+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|your[-_].*|my[-_]?(?:password|secret|token)|xxx.*|todo)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** MD5, SHA-1, SHA-256 and SHA-512 digests in hex: checksums and fixtures, not credentials. */
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
/** Password hashes (bcrypt, argon2, scrypt, crypt(3) SHA): what a system stores instead of the password. */
const PASSWORD_HASH = /^\$(?:2[abxy]?\$\d{2}\$|argon2(?:id|i|d)\$|scrypt\$|[156]\$)/;
/** Dotted or dashed lowercase words — message keys, header and route names (`label.password`, `x-share-token`). */
const WORD_KEY = /^[a-z][a-z0-9]*(?:[.\-_:/][a-z0-9]+)+$/;

const MIN_ASSIGNED_LENGTH = 8;
const MIN_ASSIGNED_ENTROPY = 3.0;

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export function redact(value: string): string {
  const visible = value.length > 12 ? 4 : 2;
  return `${value.slice(0, visible)}${"•".repeat(6)} (${value.length} chars)`;
}

export function secretHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 12);
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || UUID.test(value) || HEX_DIGEST.test(value) || PASSWORD_HASH.test(value) || WORD_KEY.test(value);
}

function match(kind: string, value: string, offset: number): SecretMatch {
  return { kind, offset, redacted: redact(value), hash: secretHash(value) };
}

/** Known secret formats anywhere in the text: strings, comments, templates. */
export function findFormattedSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { kind, pattern, group = 0 } of FORMATS) {
    for (const hit of text.matchAll(pattern)) {
      const value = hit[group] ?? "";
      if (value === "" || (kind === "password in a connection string" && isPlaceholder(decodeURIComponent(safeDecode(value))))) continue;
      found.push(match(kind, value, (hit.index ?? 0) + hit[0].indexOf(value)));
    }
  }
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A string literal assigned to a credential-named variable or property: a secret when it is not a placeholder and looks random. */
export function judgeAssignedValue(name: string, value: string, offset: number): SecretMatch | null {
  if (!namesCredential(name)) return null;
  if (value.length < MIN_ASSIGNED_LENGTH || /\s/.test(value) || isPlaceholder(value)) return null;
  if (shannonEntropy(value) < MIN_ASSIGNED_ENTROPY) return null;
  return match(`hard-coded ${describeName(name)}`, value, offset);
}

function namesCredential(name: string): boolean {
  const words = splitWords(name).split(" ").filter(Boolean);
  const last = words.at(-1) ?? "";
  if (CREDENTIAL_WORDS.has(last)) return true;
  return last === "key" && KEY_QUALIFIERS.has(words.at(-2) ?? "");
}

/** `dbPassword` → `db password`, `API_KEY` → `api key`, so the name pattern sees words. */
function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
}

function describeName(name: string): string {
  const words = splitWords(name);
  if (/pass|pwd/.test(words)) return "password";
  if (/token/.test(words)) return "token";
  if (/key/.test(words)) return "key";
  return "secret";
}
