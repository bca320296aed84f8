import { getDb } from "../db";
import type { Actor, TokenScope } from "../../_lib/permissions";
import { TOKEN_SCOPE_NAMES } from "../../_lib/permissions";
import { randomSecret, sha256 } from "./secrets";

/** Every API token starts with this, so secret scanners (and Heimdall's own) recognise a leaked one. */
export const API_TOKEN_PREFIX = "hmd_";
/** lastUsedAt is written at most this often per token. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface ApiTokenSpec {
  name: string;
  teamId: string | null;
  admin: boolean;
  scopes: TokenScope[];
  createdBy: string;
}

/** Creates a token and returns it in plain text: the only time it exists outside the caller's hands. */
export async function issueApiToken(spec: ApiTokenSpec): Promise<{ id: string; token: string; prefix: string }> {
  const token = randomSecret(API_TOKEN_PREFIX);
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const row = await getDb().apiToken.create({
    data: { name: spec.name, prefix, tokenHash: sha256(token), teamId: spec.teamId, admin: spec.admin, scopes: spec.scopes, createdBy: spec.createdBy },
  });
  return { id: row.id, token, prefix };
}

export type TokenActor = Extract<Actor, { kind: "token" }>;

/** The actor of a bearer token, or null when it is unknown or revoked. */
export async function resolveApiToken(token: string): Promise<TokenActor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await getDb().apiToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const scopes = row.scopes.filter((scope): scope is TokenScope => (TOKEN_SCOPE_NAMES as string[]).includes(scope));
  return { kind: "token", id: row.id, name: row.name, admin: row.admin, teamId: row.teamId, scopes };
}
