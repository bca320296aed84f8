import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, decodeSecretKey, loadEnv } from "@/app/_server/env";
import { ensureSecretKey, secretKeyFile } from "@/app/_server/security/secret-key-file";
import { accessTokenInput } from "@/app/_server/services/access-tokens";
import { redactToken } from "@/app/_server/git/clone";

const KEY = randomBytes(32);

describe("HEIMDALL_SECRET_KEY", () => {
  it.each([
    ["base64", KEY.toString("base64")],
    ["base64 without padding", KEY.toString("base64").replace(/=+$/, "")],
    ["base64url", KEY.toString("base64url")],
    ["hex", KEY.toString("hex")],
    ["upper-case hex with spaces around", `  ${KEY.toString("hex").toUpperCase()}\n`],
  ])("accepts 32 bytes written as %s", (_, text) => {
    expect(decodeSecretKey(text)?.equals(KEY)).toBe(true);
    expect(loadEnv({ HEIMDALL_SECRET_KEY: text }).HEIMDALL_SECRET_KEY?.equals(KEY)).toBe(true);
  });

  it("is optional: unset or empty means no key", () => {
    expect(loadEnv({}).HEIMDALL_SECRET_KEY).toBeUndefined();
    expect(loadEnv({ HEIMDALL_SECRET_KEY: " " }).HEIMDALL_SECRET_KEY).toBeUndefined();
  });

  it.each([
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["a passphrase", "correct horse battery staple"],
    ["63 hex digits", KEY.toString("hex").slice(1)],
  ])("refuses %s with a message naming the variable and how to make a key, never the value", (_, text) => {
    expect(() => loadEnv({ HEIMDALL_SECRET_KEY: text })).toThrow(ConfigError);
    try {
      loadEnv({ HEIMDALL_SECRET_KEY: text });
    } catch (error) {
      const { message } = error as Error;
      expect(message).toMatch(/HEIMDALL_SECRET_KEY: must be 32 random bytes written as base64 \(44 characters\) or hex \(64 characters\)/);
      expect(message).toContain("openssl rand -base64 32");
      expect(message).not.toContain(text);
    }
  });
});

describe("HEIMDALL_GIT_SSL_CA_INFO", () => {
  it("is an absolute path to an existing file, or unset", () => {
    expect(loadEnv({}).HEIMDALL_GIT_SSL_CA_INFO).toBeUndefined();
    const relative = path.relative(process.cwd(), path.resolve("package.json"));
    expect(loadEnv({ HEIMDALL_GIT_SSL_CA_INFO: relative }).HEIMDALL_GIT_SSL_CA_INFO).toBe(path.resolve("package.json"));
    expect(() => loadEnv({ HEIMDALL_GIT_SSL_CA_INFO: "/no/such/ca.pem" })).toThrow(/HEIMDALL_GIT_SSL_CA_INFO: must name an existing file of PEM CA certificates/);
  });
});

describe("ensureSecretKey (npm start without HEIMDALL_SECRET_KEY)", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "heimdall-key-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("creates <data dir>/secret.key once, readable by its owner only, and puts it in the environment", async () => {
    const dataDir = path.join(scratch, "fresh", ".data");
    const target: Record<string, string | undefined> = {};
    expect(await ensureSecretKey(dataDir, target)).toEqual({ source: "created", file: secretKeyFile(dataDir) });
    expect(statSync(secretKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(decodeSecretKey(target.HEIMDALL_SECRET_KEY ?? "")).not.toBeNull();
    expect(readFileSync(secretKeyFile(dataDir), "utf8").trim()).toBe(target.HEIMDALL_SECRET_KEY);

    const again: Record<string, string | undefined> = {};
    expect(await ensureSecretKey(dataDir, again)).toEqual({ source: "file", file: secretKeyFile(dataDir) });
    expect(again.HEIMDALL_SECRET_KEY).toBe(target.HEIMDALL_SECRET_KEY);
  });

  it("keeps a key set in the environment and writes no file", async () => {
    const dataDir = path.join(scratch, "given");
    const target = { HEIMDALL_SECRET_KEY: KEY.toString("hex") };
    expect(await ensureSecretKey(dataDir, target)).toEqual({ source: "environment", file: null });
    expect(target.HEIMDALL_SECRET_KEY).toBe(KEY.toString("hex"));
    expect(() => statSync(secretKeyFile(dataDir))).toThrow();
  });

  it("tightens a key file others could read, and refuses (never replaces) one that holds no key", async () => {
    const dataDir = path.join(scratch, "existing");
    await ensureSecretKey(dataDir, {});
    chmodSync(secretKeyFile(dataDir), 0o644);
    await ensureSecretKey(dataDir, {});
    expect(statSync(secretKeyFile(dataDir)).mode & 0o777).toBe(0o600);

    writeFileSync(secretKeyFile(dataDir), "not a key\n");
    await expect(ensureSecretKey(dataDir, {})).rejects.toThrow(ConfigError);
    await expect(ensureSecretKey(dataDir, {})).rejects.toThrow(/secret\.key does not hold a valid key/);
    expect(readFileSync(secretKeyFile(dataDir), "utf8")).toBe("not a key\n");
  });
});

describe("accessToken input", () => {
  it("accepts a token and drops surrounding spaces", () => {
    expect(accessTokenInput.parse("  glpat-abc_DEF.123  ")).toBe("glpat-abc_DEF.123");
  });

  it.each([
    ["", /cannot be empty; send null to remove/],
    ["   ", /cannot be empty/],
    ["ab\ncd-secret-part", /cannot contain control characters or line breaks/],
    ["ab\rcd-secret-part", /control characters/],
    ["ab\u0000cd-secret-part", /control characters/],
    ["ab\u007fcd-secret-part", /control characters/],
    [`x${"s".repeat(4096)}`, /longer than 4096 characters/],
  ])("refuses %j without repeating the value", (token, message) => {
    const result = accessTokenInput.safeParse(token);
    expect(result.success).toBe(false);
    const text = result.error?.issues.map((issue) => issue.message).join("; ") ?? "";
    expect(text).toMatch(message);
    expect(text).not.toContain("secret-part");
    expect(text).not.toContain("ssss");
  });

  it("refuses a token that is not a string", () => {
    expect(accessTokenInput.safeParse(42).error?.issues[0]?.message).toMatch(/must be a string \(or null to remove the token\)/);
  });
});

describe("redactToken", () => {
  it("removes the token, its Basic credentials and its URL-encoded form", () => {
    const token = `${randomBytes(6).toString("hex")}/+=`;
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    const text = `fatal: ${token} | Authorization: Basic ${basic} | https://h/${encodeURIComponent(token)}`;
    const redacted = redactToken(text, token);
    expect(redacted).toBe("fatal: [redacted] | Authorization: Basic [redacted] | https://h/[redacted]");
    expect(redactToken(text, undefined)).toBe(text);
  });
});
