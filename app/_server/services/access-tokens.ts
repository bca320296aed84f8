import { z } from "zod";
import { AppError } from "../errors";
import { CloneError } from "../git/clone";
import { openSecret, sealForRequest, SecretBoxError } from "../security/secret-box";

const MAX_TOKEN_LENGTH = 4096;

/**
 * An access token as the API accepts it: 1–4096 characters, no control characters or line breaks (it goes into an
 * HTTP header), surrounding spaces dropped. Validation messages never repeat the value.
 */
export const accessTokenInput = z
  .string({ error: "accessToken must be a string (or null to remove the token)." })
  .trim()
  .min(1, "accessToken cannot be empty; send null to remove the token.")
  .max(MAX_TOKEN_LENGTH, `accessToken is longer than ${MAX_TOKEN_LENGTH} characters.`)
  .refine((token) => !/[\u0000-\u001f\u007f]/.test(token), "accessToken cannot contain control characters or line breaks.");

/** The context a repository's token is sealed for: a ciphertext copied to another repository's row does not open. */
function tokenContext(repositoryId: string): string {
  return `repository-access-token/${repositoryId}`;
}

/** Access tokens authenticate https remotes only: ssh uses the worker's keys, and local folders need nothing. */
export function assertTokenAllowed(url: string): void {
  if (!url.startsWith("https://")) {
    throw new AppError("invalid_request", "accessToken can only be set for https:// repositories; ssh remotes use the worker's ssh keys and local folders need none.");
  }
}

/** The token encrypted for storage in `Repository.accessTokenCipher`; a 503 saying what to set when no key is configured. */
export function sealAccessToken(repositoryId: string, token: string): string {
  return sealForRequest(token, tokenContext(repositoryId), "The access token");
}

/**
 * The repository's token in plain text for a clone, or undefined when it has none. A token that cannot be decrypted
 * (key changed or missing, value altered) is a CloneError — the scan fails for good with what to do about it.
 */
export function openAccessToken(repository: { id: string; accessTokenCipher: string | null }): string | undefined {
  if (!repository.accessTokenCipher) return undefined;
  try {
    return openSecret(repository.accessTokenCipher, tokenContext(repository.id));
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new CloneError(
      `The repository's access token cannot be decrypted: ${error.message} Set the token again (PATCH /api/repositories/${repository.id} with accessToken), or restore the HEIMDALL_SECRET_KEY it was stored with.`,
    );
  }
}
