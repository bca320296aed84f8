import argon2 from "argon2";
import { z } from "zod";

/** Long enough to resist guessing, short enough for argon2 to stay cheap; no composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const passwordInput = z
  .string({ error: "password must be a string." })
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `password must be at most ${MAX_PASSWORD_LENGTH} characters.`);

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): ~160 ms per verification on these 2-core machines. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so a wrong email costs as long as a wrong password. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("heimdall-no-such-user-placeholder");
  return dummyHash;
}
