import type { ApiErrorBody } from "./dto";

/** An API failure carrying the server's `{ error: { code, message } }`. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls the Heimdall API and returns its JSON body, typed by the caller (unchecked: the server's DTOs are the contract).
 * A non-2xx answer throws an `ApiError` with the server's code and message, or a generic one when the body has none.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as Partial<ApiErrorBody> | null)?.error;
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status}.`);
  }
  return body as T;
}
