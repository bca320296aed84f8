import type { ApiErrorBody } from "./dto";
import { signInHref } from "./page-path";

/** An API failure carrying the server's `{ error: { code, message } }`. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From `Retry-After` on a 429: how many seconds until the server accepts the request again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** The readable cookie holding the session's CSRF token (the HttpOnly session cookie itself is out of a script's reach). */
const CSRF_COOKIE = "heimdall_csrf";
const CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function csrfToken(): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}

/**
 * The session ended (expired, signed out elsewhere, the user disabled): off to sign in, coming back to this page.
 * Not for the sign-in, setup and password calls themselves, whose 401 means a wrong password, shown in their form.
 */
function sendToSignIn(url: string): void {
  if (typeof window === "undefined" || url.startsWith("/api/auth/")) return;
  window.location.assign(signInHref(`${window.location.pathname}${window.location.search}`));
}

/**
 * Calls the Heimdall API and returns its JSON body, typed by the caller (unchecked: the server's DTOs are the contract).
 * Requests that change something carry the session's CSRF token. A non-2xx answer throws an `ApiError` with the
 * server's code and message, or a generic one when the body has none; a 401 also sends the browser to sign in.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const method = (init?.method ?? "GET").toUpperCase();
  const csrf = CHANGING_METHODS.has(method) ? csrfToken() : null;
  const response = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init?.body ? { "content-type": "application/json" } : {}),
      ...(csrf ? { "x-csrf-token": csrf } : {}),
      ...init?.headers,
    },
  });
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) sendToSignIn(url);
    const error = (body as Partial<ApiErrorBody> | null)?.error;
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status}.`, retryAfter > 0 ? retryAfter : null);
  }
  return body as T;
}
