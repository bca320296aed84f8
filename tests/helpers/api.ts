import { issueApiToken } from "@/app/_server/auth/api-tokens";
import { getDb } from "@/app/_server/db";

/**
 * Who a test call is made as: "admin" (the default: a real admin API token, issued on first use in each test since
 * tables are emptied between tests), "anonymous" (no credentials), or the raw `Authorization`/`Cookie` headers given.
 */
export type CallAs = "admin" | "anonymous" | { bearer: string } | { cookie: string; csrf?: string };

let adminToken: { id: string; token: string } | null = null;

/** A real admin API token (see CallAs). */
export async function testAdminToken(): Promise<string> {
  if (adminToken && (await getDb().apiToken.count({ where: { id: adminToken.id, revokedAt: null } })) === 1) return adminToken.token;
  const issued = await issueApiToken({ name: "integration tests", teamId: null, admin: true, scopes: [], createdBy: "cli" });
  adminToken = { id: issued.id, token: issued.token };
  return issued.token;
}

async function credentials(as: CallAs): Promise<Record<string, string>> {
  if (as === "anonymous") return {};
  if (as === "admin") return { authorization: `Bearer ${await testAdminToken()}` };
  if ("bearer" in as) return { authorization: `Bearer ${as.bearer}` };
  return { cookie: as.cookie, ...(as.csrf === undefined ? {} : { "x-csrf-token": as.csrf }) };
}

/** Calls a Next.js route handler the way the framework does: a Request, and params as a promise. */
export async function call<T = unknown>(
  // `never` accepts every handler whatever its params type; the context built below matches what Next passes.
  handler: (request: Request, context: never) => Promise<Response>,
  options: { method?: string; url?: string; body?: unknown; rawBody?: string; params?: Record<string, string>; as?: CallAs; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(options.url ?? "http://heimdall.test/api", {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json", ...(await credentials(options.as ?? "admin")), ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
  const context = { params: Promise.resolve(options.params ?? {}) };
  const response = await handler(request, context as never);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (CSV, SVG, SARIF is JSON): the raw text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
