import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { configuredSecretKey, openSecret, sealSecret, SecretBoxError, secretKeyId } from "@/app/_server/security/secret-box";

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);
/** Made at run time, in the shape of a GitHub token, so no token-like literal sits in the source. */
const TOKEN = ["ghp", randomBytes(18).toString("hex")].join("_");
const CONTEXT = "repository-access-token/cm_repo_1";

/** The SecretBoxError `action` throws; fails the test when it throws nothing or something else. */
function failure(action: () => unknown): SecretBoxError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return error as SecretBoxError;
  }
  throw new Error("expected a SecretBoxError");
}

/** Replaces one base64url part of a sealed value. */
function withPart(sealed: string, index: number, change: (part: Buffer) => Buffer): string {
  const parts = sealed.split(".");
  parts[index] = change(Buffer.from(parts[index] ?? "", "base64url")).toString("base64url");
  return parts.join(".");
}

function flipFirstByte(part: Buffer): Buffer {
  const copy = Buffer.from(part);
  copy[0] = (copy[0] ?? 0) ^ 0x01;
  return copy;
}

describe("secret box", () => {
  it("round-trips a token, including non-ASCII text, and never writes it in the sealed form", () => {
    for (const secret of [TOKEN, "glpat-äöü-€-🔑-long-enough-to-search-for"]) {
      const sealed = sealSecret(secret, CONTEXT, KEY);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
      expect(sealed).not.toContain(secret);
      expect(sealed).not.toContain(Buffer.from(secret).toString("base64url"));
      expect(openSecret(sealed, CONTEXT, KEY)).toBe(secret);
    }
    expect(openSecret(sealSecret("x", CONTEXT, KEY), CONTEXT, KEY)).toBe("x");
  });

  it("uses a fresh IV every time: the same token seals to different texts", () => {
    const first = sealSecret(TOKEN, CONTEXT, KEY);
    const second = sealSecret(TOKEN, CONTEXT, KEY);
    expect(first).not.toBe(second);
    expect(first.split(".")[2]).not.toBe(second.split(".")[2]);
  });

  it.each([
    ["ciphertext", 4],
    ["authentication tag", 3],
    ["IV", 2],
  ])("refuses a value whose %s was altered", (_, index) => {
    const sealed = withPart(sealSecret(TOKEN, CONTEXT, KEY), index, flipFirstByte);
    const error = failure(() => openSecret(sealed, CONTEXT, KEY));
    expect(error.reason).toBe("not-authentic");
    expect(error.message).toMatch(/failed authentication: it was altered, or it was sealed for another record/);
  });

  it("refuses a ciphertext copied to another repository (the id is authenticated data)", () => {
    const sealed = sealSecret(TOKEN, CONTEXT, KEY);
    const error = failure(() => openSecret(sealed, "repository-access-token/cm_repo_2", KEY));
    expect(error.reason).toBe("not-authentic");
  });

  it("tells a value sealed with another key apart from an altered one, naming both key ids", () => {
    const sealed = sealSecret(TOKEN, CONTEXT, OTHER_KEY);
    const error = failure(() => openSecret(sealed, CONTEXT, KEY));
    expect(error.reason).toBe("wrong-key");
    expect(error.message).toContain(`key id ${secretKeyId(OTHER_KEY)}`);
    expect(error.message).toContain(`key id ${secretKeyId(KEY)}`);
  });

  it("refuses a value whose key id was swapped for the current key's (the tag no longer matches)", () => {
    const sealed = sealSecret(TOKEN, CONTEXT, OTHER_KEY).split(".");
    sealed[1] = secretKeyId(KEY);
    expect(failure(() => openSecret(sealed.join("."), CONTEXT, KEY)).reason).toBe("not-authentic");
  });

  it.each([
    ["", "empty"],
    [TOKEN, "the plain token"],
    ["v1.abc", "too few parts"],
    ["v2.a.b.c.d", "another version"],
    ["v1.kid.!!!!.tag.ct", "not base64url"],
    ["v1.kid.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA", "a short IV"],
    ["v1.kid.AAAAAAAAAAAAAAAA.AAAA.AAAA", "a short tag"],
    ["v1..AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA", "no key id"],
    ["v1.kid.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA.extra", "too many parts"],
  ])("refuses malformed input %j (%s) as malformed", (input) => {
    const error = failure(() => openSecret(input, CONTEXT, KEY));
    expect(error.reason).toBe("malformed");
    expect(error.message).toMatch(/not a secret sealed by this version of Heimdall/);
  });

  it("names the version of a value from another format version", () => {
    expect(failure(() => openSecret("v2.a.b.c.d", CONTEXT, KEY)).message).toContain("found version v2");
  });

  it("never puts the token, its base64 forms or the key in an error message", () => {
    const sealed = sealSecret(TOKEN, CONTEXT, KEY);
    const attempts = [
      () => openSecret(sealed, CONTEXT, OTHER_KEY),
      () => openSecret(sealed, "another", KEY),
      () => openSecret(withPart(sealed, 4, flipFirstByte), CONTEXT, KEY),
      () => openSecret(`${sealed}.${TOKEN}`, CONTEXT, KEY),
      () => openSecret(TOKEN, CONTEXT, KEY),
      () => sealSecret(TOKEN, CONTEXT, randomBytes(16)),
    ];
    const forbidden = [TOKEN, Buffer.from(TOKEN).toString("base64"), Buffer.from(TOKEN).toString("base64url"), KEY.toString("base64"), KEY.toString("hex")];
    for (const attempt of attempts) {
      const { message, stack = "" } = failure(attempt);
      for (const text of forbidden) {
        expect(message).not.toContain(text);
        expect(stack).not.toContain(text);
      }
    }
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(failure(() => sealSecret(TOKEN, CONTEXT, randomBytes(16))).message).toMatch(/must be 32 bytes/);
  });

  it("gives the key id as a short, stable name that differs between keys", () => {
    expect(secretKeyId(KEY)).toBe(secretKeyId(Buffer.from(KEY)));
    expect(secretKeyId(KEY)).not.toBe(secretKeyId(OTHER_KEY));
    expect(secretKeyId(KEY)).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });
});

describe("configuredSecretKey", () => {
  const saved = process.env.HEIMDALL_SECRET_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.HEIMDALL_SECRET_KEY;
    else process.env.HEIMDALL_SECRET_KEY = saved;
  });

  it("reads HEIMDALL_SECRET_KEY, and seals and opens with it by default", () => {
    process.env.HEIMDALL_SECRET_KEY = KEY.toString("base64");
    expect(configuredSecretKey().equals(KEY)).toBe(true);
    expect(openSecret(sealSecret(TOKEN, CONTEXT), CONTEXT)).toBe(TOKEN);
    expect(openSecret(sealSecret(TOKEN, CONTEXT), CONTEXT, KEY)).toBe(TOKEN);
  });

  it("says what to set when no key is configured", () => {
    delete process.env.HEIMDALL_SECRET_KEY;
    const error = failure(() => sealSecret(TOKEN, CONTEXT));
    expect(error.reason).toBe("no-key");
    expect(error.message).toMatch(/set HEIMDALL_SECRET_KEY to 32 random bytes/);
  });
});
