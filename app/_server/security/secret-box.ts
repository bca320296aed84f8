import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { loadEnv } from "../env";
import { AppError } from "../errors";

/**
 * Sealed secrets at rest: AES-256-GCM with a random 96-bit IV, a 128-bit authentication tag and a context string as
 * additional authenticated data, written as `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id names
 * the key without revealing it, so "sealed with another key" is told apart from "altered". See docs/adr/0010.
 */
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID_BYTES = 6;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Why a secret could not be sealed or opened; the message never contains the secret or the key. */
export type SecretBoxFailure = "no-key" | "malformed" | "wrong-key" | "not-authentic";

/** A secret that cannot be sealed or opened: `reason` says which way, the message says it in words. */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
  constructor(
    readonly reason: SecretBoxFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The configured HEIMDALL_SECRET_KEY; a SecretBoxError (`no-key`) saying what to set when there is none. */
export function configuredSecretKey(): Buffer {
  const key = loadEnv().HEIMDALL_SECRET_KEY;
  if (!key) {
    throw new SecretBoxError(
      "no-key",
      "No encryption key is configured: set HEIMDALL_SECRET_KEY to 32 random bytes (`openssl rand -base64 32`) for the web server and every worker. `npm start` creates one in HEIMDALL_DATA_DIR/secret.key when it is unset.",
    );
  }
  return key;
}

/** A short, stable name of a key (an HMAC of a fixed label, not the key): tells which key sealed a secret. */
export function secretKeyId(key: Buffer): string {
  return createHmac("sha256", checkedKey(key)).update("heimdall secret-box key id").digest().subarray(0, KEY_ID_BYTES).toString("base64url");
}

/**
 * Encrypts `plaintext` bound to `context` (for example a repository's id): the result opens only with the same key and
 * the same context, so a value copied to another row does not open there.
 */
export function sealSecret(plaintext: string, context: string, key: Buffer = configuredSecretKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, checkedKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, secretKeyId(key), iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/**
 * Decrypts what `sealSecret` wrote for the same context. Throws a SecretBoxError when the text is not a sealed secret
 * (`malformed`), was sealed with another key (`wrong-key`), or was altered or sealed for another context (`not-authentic`).
 */
export function openSecret(sealed: string, context: string, key: Buffer = configuredSecretKey()): string {
  const parts = parseSealed(sealed);
  const currentKeyId = secretKeyId(key);
  if (parts.keyId !== currentKeyId) {
    throw new SecretBoxError("wrong-key", `The secret was sealed with another key (key id ${parts.keyId}) than the HEIMDALL_SECRET_KEY configured now (key id ${currentKeyId}).`);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, checkedKey(key), parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(context));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("not-authentic", "The secret failed authentication: it was altered, or it was sealed for another record.");
  }
}

interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** The parts of a sealed value; a SecretBoxError (`malformed`) naming the expected format for anything else. */
function parseSealed(sealed: string): SealedParts {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION || !parts.every((part) => BASE64URL.test(part))) throw malformed(parts[0]);
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const decoded = { keyId, iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), ciphertext: Buffer.from(ciphertext, "base64url") };
  if (keyId.length === 0 || decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) throw malformed(VERSION);
  return decoded;
}

function malformed(version: string | undefined): SecretBoxError {
  const found = version && /^v\d+$/.test(version) && version !== VERSION ? ` (found version ${version})` : "";
  return new SecretBoxError("malformed", `The stored value is not a secret sealed by this version of Heimdall${found}: expected ${VERSION}.<key id>.<iv>.<tag>.<ciphertext>.`);
}

/** The context as authenticated data, prefixed with the format so a v1 value can never be read as another format's. */
function associatedData(context: string): Buffer {
  return Buffer.from(`heimdall/secret-box/${VERSION}/${context}`, "utf8");
}

function checkedKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new SecretBoxError("no-key", `The encryption key must be ${KEY_BYTES} bytes long.`);
  return key;
}

/**
 * `sealSecret` for a value an API request is storing: when no key is configured the request is answered 503 saying
 * what was not stored (`what`) and what to set, instead of failing with a 500.
 */
export function sealForRequest(secret: string, context: string, what: string): string {
  try {
    return sealSecret(secret, context);
  } catch (error) {
    if (error instanceof SecretBoxError) throw new AppError("unavailable", `${what} was not stored. ${error.message}`);
    throw error;
  }
}
