/** Calls a Next.js route handler the way the framework does: a Request, and params as a promise. */
export async function call<T = unknown>(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  options: { method?: string; url?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(options.url ?? "http://heimdall.test/api", {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, body: (await response.json()) as T };
}
