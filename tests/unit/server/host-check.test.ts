import type { LookupAddress } from "node:dns";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/app/_server/errors";
import { CloneError, cloneRepository } from "@/app/_server/git/clone";
import { assertPublicHost, classifyHost } from "@/app/_server/git/host-check";

/** Names the test resolver knows (any other does not exist; `localhost` goes to the real one) and the names asked. */
const dns = vi.hoisted(() => ({ answers: new Map<string, string[]>(), calls: [] as string[] }));

vi.mock("node:dns/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:dns/promises")>();
  const lookup = async (host: string, options: { all: true }): Promise<LookupAddress[]> => {
    dns.calls.push(host);
    if (host === "localhost") return actual.lookup(host, options);
    if (host === "flaky.example") throw Object.assign(new Error("queryA EAI_AGAIN"), { code: "EAI_AGAIN" });
    const addresses = dns.answers.get(host);
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { ...actual, lookup, default: { ...actual, lookup } };
});


async function refusal(host: string, allowPrivate = false): Promise<{ code: string; message: string }> {
  try {
    await assertPublicHost(host, allowPrivate);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${host} was accepted`);
}

beforeEach(() => {
  dns.calls.length = 0;
  dns.answers.clear();
  dns.answers.set("github.com", ["140.82.112.3"]);
  dns.answers.set("dual.example", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]);
  dns.answers.set("rebind.example", ["93.184.216.34", "127.0.0.1"]);
  dns.answers.set("internal.example", ["10.0.0.7"]);
  dns.answers.set("mapped.example", ["::ffff:192.168.0.1"]);
  dns.answers.set("ula.example", ["fd00::5"]);
});

describe("assertPublicHost", () => {
  it("accepts a name whose every address is public", async () => {
    await expect(assertPublicHost("github.com", false)).resolves.toBeUndefined();
    await expect(assertPublicHost("dual.example", false)).resolves.toBeUndefined();
    expect(dns.calls).toEqual(["github.com", "dual.example"]);
  });

  it("refuses localhost, which resolves to 127.0.0.1", async () => {
    const { lookup } = await vi.importActual<typeof import("node:dns/promises")>("node:dns/promises");
    const addresses = await lookup("localhost", { all: true });
    expect(addresses.length).toBeGreaterThan(0);
    for (const { address } of addresses) expect(classifyHost(address)).toMatchObject({ kind: "ip", reason: "a loopback address" });
    expect(await refusal("localhost")).toEqual({
      code: "unsupported_url",
      message: "The host localhost is a name for the local machine (localhost); an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.",
    });
  });

  it.each([
    ["rebind.example", "127.0.0.1, a loopback address"],
    ["internal.example", "10.0.0.7, a private address"],
    ["mapped.example", "::ffff:192.168.0.1, an IPv4-mapped IPv6 address"],
    ["ula.example", "fd00::5, a unique-local address"],
  ])("refuses %s, which resolves (in part) to %s", async (host, what) => {
    expect(await refusal(host)).toEqual({
      code: "unsupported_url",
      message: `The host ${host} resolves to ${what}; an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.`,
    });
  });

  it("judges an IP literal without DNS, in any spelling", async () => {
    await expect(assertPublicHost("140.82.112.3", false)).resolves.toBeUndefined();
    await expect(assertPublicHost("[2606:4700:4700::1111]", false)).resolves.toBeUndefined();
    expect((await refusal("127.0.0.1")).message).toBe(
      "The host 127.0.0.1 is a loopback address; an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.",
    );
    expect((await refusal("0x7f.1")).message).toMatch(/^The host 0x7f\.1 \(127\.0\.0\.1\) is a loopback address; /);
    expect((await refusal("[::ffff:7f00:1]")).message).toMatch(/^The host \[::ffff:7f00:1\] \(127\.0\.0\.1\) is an IPv4-mapped IPv6 address; /);
    expect(dns.calls).toEqual([]);
  });

  it("allows private hosts when the admin says so, without asking DNS", async () => {
    for (const host of ["127.0.0.1", "localhost", "rebind.example", "[::1]"]) await expect(assertPublicHost(host, true)).resolves.toBeUndefined();
    expect(dns.calls).toEqual([]);
  });

  it("tells a name that does not exist from DNS that cannot answer now", async () => {
    expect(await refusal("missing.example")).toMatchObject({ code: "invalid_url", message: expect.stringContaining("does not exist") });
    expect(await refusal("flaky.example")).toMatchObject({ code: "unavailable", message: expect.stringContaining("EAI_AGAIN") });
  });

  it("refuses a malformed address even when private hosts are allowed", async () => {
    expect(await refusal("1.2.3.4.5", true)).toMatchObject({ code: "invalid_url" });
  });
});

describe("classifyHost", () => {
  it.each([
    ["2130706433", "127.0.0.1", "a loopback address"],
    ["0177.0.0.1", "127.0.0.1", "a loopback address"],
    ["0x7f.0.0.1", "127.0.0.1", "a loopback address"],
    ["127.1", "127.0.0.1", "a loopback address"],
    ["192.168.257", "192.168.1.1", "a private address"],
    ["8.8.8.8", "8.8.8.8", null],
    ["[::ffff:127.0.0.1]", "127.0.0.1", "an IPv4-mapped IPv6 address"],
    ["[::1]", "::1", "a loopback address"],
    ["fe80::1%eth0", "fe80::1%eth0", "a link-local address"],
  ] as const)("%s is %s, %s", (host, address, reason) => {
    expect(classifyHost(host)).toEqual({ kind: "ip", address, reason });
  });

  it("leaves names to DNS, except localhost-like ones", () => {
    expect(classifyHost("GitHub.com.")).toEqual({ kind: "name", name: "github.com", reason: null });
    expect(classifyHost("Foo.LOCALHOST.")).toMatchObject({ kind: "name", reason: expect.stringContaining("localhost") });
  });
});

describe("cloneRepository checks the host right before git runs", () => {
  const workDir = mkdtempSync(path.join(tmpdir(), "heimdall-host-"));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));
  const clone = (source: string) => cloneRepository({ source, isLocal: false, branch: null, workDir, timeoutMs: 10_000, allowPrivateHosts: false });

  it.each([
    ["https://rebind.example/org/repo.git", "The host rebind.example resolves to 127.0.0.1, a loopback address; "],
    ["ssh://git@internal.example/org/repo.git", "The host internal.example resolves to 10.0.0.7, a private address; "],
    ["git@0x7f.1:org/repo.git", "The host 0x7f.1 (127.0.0.1) is a loopback address; "],
  ])("refuses %s as a CloneError, and git never runs", async (source, message) => {
    const failure = clone(source);
    await expect(failure).rejects.toBeInstanceOf(CloneError);
    await expect(failure).rejects.toThrow(message);
    expect(existsSync(path.join(workDir, "checkout"))).toBe(false);
  });

  it("leaves a DNS server that cannot answer now to the job's retry", async () => {
    await expect(clone("https://flaky.example/org/repo.git")).rejects.toMatchObject({ code: "unavailable" });
  });
});
