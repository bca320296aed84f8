import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Random bearer secrets (session cookies, API tokens, setup links, CSRF tokens): 32 random bytes, base64url. Only their
 * SHA-256 is stored — they carry 256 bits of entropy, so a slow hash adds nothing (passwords use argon2id instead).
 */
export function randomSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of two strings (different lengths are simply unequal). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
