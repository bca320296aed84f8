import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../errors";

/**
 * Private, loopback, link-local and other non-public hosts, so that a registered repository cannot make Heimdall's
 * server reach into its own network. Literal addresses are judged here in every spelling git, ssh or curl would accept
 * (decimal `2130706433`, hex `0x7f.0.0.1`, octal `0177.0.0.1`, short `127.1`, IPv4-mapped IPv6…); names are judged
 * by what they resolve to, right before cloning.
 */

const ALLOW_HINT = "an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.";

const IPV4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ["0.0.0.0", 8, "an unspecified address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a shared (CGNAT) address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "a reserved address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a reserved (benchmarking) address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];

const IPV6_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ["::", 128, "an unspecified address"],
  ["::1", 128, "a loopback address"],
  ["::ffff:0:0", 96, "an IPv4-mapped IPv6 address"],
  ["::", 96, "an IPv4-compatible IPv6 address"],
  ["fc00::", 7, "a unique-local address"],
  ["fe80::", 10, "a link-local address"],
  ["fec0::", 10, "a site-local address"],
  ["ff00::", 8, "a multicast address"],
];

/** NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits: judged by that address. */
const NAT64_PREFIX = 0x64ff9bn << 96n;

const LOCALHOST_NAMES = new Set(["localhost", "localhost.localdomain", "localhost6", "localhost6.localdomain6", "ip6-localhost", "ip6-loopback"]);

const IPV4_PART = /^(?:0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/;

/** What a host is once normalised, and why it is not public (`reason`, null when it is or a name needs DNS to tell). */
export type HostVerdict =
  | { kind: "name"; name: string; reason: string | null }
  | { kind: "ip"; address: string; reason: string | null }
  | { kind: "invalid"; reason: string };

/** Lower case, without IPv6 brackets and trailing dots: the form the checks below compare. */
function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase();
  const unbracketed = lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1) : lower;
  return unbracketed.replace(/\.+$/, "");
}

/** IPv4 in every form inet_aton and WHATWG accept (1–4 parts, decimal, 0x hex or 0 octal); null if not IPv4. */
export function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length > 4 || !parts.every((part) => IPV4_PART.test(part))) return null;
  const values = parts.map(ipv4PartValue);
  const last = values.pop() ?? 0;
  if (values.some((value) => value > 255) || last >= 256 ** (4 - values.length)) return null;
  return values.reduce((sum, value, index) => sum + value * 256 ** (3 - index), 0) + last;
}

function ipv4PartValue(part: string): number {
  if (part.startsWith("0x")) return Number.parseInt(part.slice(2) || "0", 16);
  return Number.parseInt(part, part.length > 1 && part.startsWith("0") ? 8 : 10);
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Eight 16-bit groups from `a:b::c` (optional dotted IPv4 tail, zone ignored) as one 128-bit number; null if not IPv6. */
export function parseIpv6(raw: string): bigint | null {
  const text = raw.replace(/%.*$/, "");
  if (isIP(text) !== 6) return null;
  const hex = withHexIpv4Tail(text);
  const [head = "", rest] = hex.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = rest === undefined || rest === "" ? [] : rest.split(":");
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8) return null;
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/** `::ffff:1.2.3.4` as `::ffff:102:304`, so every group is hex; other text is returned unchanged. */
function withHexIpv4Tail(text: string): string {
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const tail = dotted ? parseIpv4(dotted[2] ?? "") : null;
  return dotted && tail !== null ? `${dotted[1]}${(tail >>> 16).toString(16)}:${(tail & 0xffff).toString(16)}` : text;
}

function inRange(value: bigint, base: bigint, prefix: number, bits: number): boolean {
  const shift = BigInt(bits - prefix);
  return value >> shift === base >> shift;
}

/** Why an IPv4 address is not public, or null when it is. */
export function ipv4Reason(value: number): string | null {
  const range = IPV4_RANGES.find(([base, prefix]) => inRange(BigInt(value), BigInt(parseIpv4(base) ?? 0), prefix, 32));
  return range?.[2] ?? null;
}

/** Why an IPv6 address is not public, or null when it is; NAT64 addresses are judged by the IPv4 they carry. */
export function ipv6Reason(value: bigint): string | null {
  if (inRange(value, NAT64_PREFIX, 96, 128)) {
    const embedded = ipv4Reason(Number(value & 0xffffffffn));
    return embedded && `a NAT64 address of ${embedded}`;
  }
  const range = IPV6_RANGES.find(([base, prefix]) => inRange(value, parseIpv6(base) ?? -1n, prefix, 128));
  return range?.[2] ?? null;
}

/** The IPv4 address an IPv4-mapped, IPv4-compatible or NAT64 address stands for, dotted; null for any other. */
function embeddedIpv4(value: bigint): string | null {
  const carriesIpv4 = [[0xffffn << 32n, 96], [0n, 96], [NAT64_PREFIX, 96]] as const;
  if (value <= 1n || !carriesIpv4.some(([base, prefix]) => inRange(value, base, prefix, 128))) return null;
  return formatIpv4(Number(value & 0xffffffffn));
}

/** The last label is a number, so resolvers and URL parsers treat the whole host as an IPv4 address (WHATWG "ends in a number"). */
function endsInNumber(host: string): boolean {
  const last = host.split(".").pop() ?? "";
  return /^(?:\d+|0x[0-9a-f]*)$/.test(last);
}

function isLocalhostName(name: string): boolean {
  return LOCALHOST_NAMES.has(name) || name.endsWith(".localhost");
}

/** What a host is, as far as can be told without DNS: an address (with why it is not public), a name, or neither. */
export function classifyHost(host: string): HostVerdict {
  const normalized = normalizeHost(host);
  const ipv6 = normalized.includes(":") ? parseIpv6(normalized) : null;
  if (ipv6 !== null) return { kind: "ip", address: embeddedIpv4(ipv6) ?? normalized, reason: ipv6Reason(ipv6) };
  if (normalized.includes(":") || normalized === "") return { kind: "invalid", reason: "is not a valid host" };
  if (endsInNumber(normalized)) {
    const ipv4 = parseIpv4(normalized);
    if (ipv4 === null) return { kind: "invalid", reason: "is not a valid IPv4 address" };
    return { kind: "ip", address: formatIpv4(ipv4), reason: ipv4Reason(ipv4) };
  }
  return { kind: "name", name: normalized, reason: isLocalhostName(normalized) ? "a name for the local machine (localhost)" : null };
}

function describeHost(host: string, verdict: HostVerdict): string {
  return verdict.kind === "ip" && verdict.address !== normalizeHost(host) ? `${host} (${verdict.address})` : host;
}

/**
 * Checks a host without DNS, as registration does: throws `invalid_url` for a malformed address and `unsupported_url`
 * for a private, loopback, link-local or localhost-like one unless `shouldAllowPrivate`. Returns the verdict for callers that go on.
 */
export function assertHostLiteral(host: string, shouldAllowPrivate: boolean): HostVerdict {
  const verdict = classifyHost(host);
  if (verdict.kind === "invalid") throw new AppError("invalid_url", `The host ${host} ${verdict.reason}.`);
  if (verdict.reason && !shouldAllowPrivate) {
    throw new AppError("unsupported_url", `The host ${describeHost(host, verdict)} is ${verdict.reason}; ${ALLOW_HINT}`);
  }
  return verdict;
}

/**
 * Refuses a host that is, or resolves to, any non-public address, unless `shouldAllowPrivate`. Names are resolved with
 * `lookup(host, { all: true })` and refused if ANY address is private; call it right before connecting so that a
 * name re-pointed since registration (DNS rebinding) is caught. Throws `unsupported_url` for a private host,
 * `invalid_url` when the name does not exist and `unavailable` when DNS cannot answer now.
 */
export async function assertPublicHost(host: string, shouldAllowPrivate: boolean): Promise<void> {
  const verdict = assertHostLiteral(host, shouldAllowPrivate);
  if (shouldAllowPrivate || verdict.kind !== "name") return;
  for (const address of await resolveAll(verdict.name)) {
    const reason = classifyHost(address).reason;
    if (reason) throw new AppError("unsupported_url", `The host ${host} resolves to ${address}, ${reason}; ${ALLOW_HINT}`);
  }
}

async function resolveAll(name: string): Promise<string[]> {
  try {
    const addresses = await lookup(name, { all: true });
    if (addresses.length === 0) throw new AppError("invalid_url", `The host ${name} has no address.`);
    return addresses.map((entry) => entry.address);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    if (code === "ENOTFOUND" || code === "ENODATA") throw new AppError("invalid_url", `The host ${name} does not exist (${code}).`);
    throw new AppError("unavailable", `The host ${name} could not be resolved right now (${code}).`);
  }
}
