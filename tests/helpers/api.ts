/** Calls a Next.js route handler the way the framework does: a Request, and params as a promise. */
export async function call<T = unknown>(
  // `never` accepts every handler whatever its params type; the context built below matches what Next passes.
  handler: (request: Request, context: never) => Promise<Response>,
  options: { method?: string; url?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(options.url ?? "http://heimdall.test/api", {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  const context = { params: Promise.resolve(options.params ?? {}) };
  const response = await handler(request, context as never);
  return { status: response.status, body: (await response.json()) as T };
}
