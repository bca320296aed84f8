/** Cookie names and the attributes Heimdall sets them with (docs/adr/0014-access-control.md). */
export const SESSION_COOKIE = "heimdall_session";
/** Readable by the page's script, which echoes it in X-CSRF-Token; worthless without the HttpOnly session cookie. */
export const CSRF_COOKIE = "heimdall_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** The cookies of a request, by name (the first of duplicates wins, values percent-decoded when possible). */
export function readCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (cookies.has(name)) continue;
    const raw = part.slice(index + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

/**
 * Whether cookies may carry the Secure attribute: the request came over https (directly or through a proxy that says
 * so). On plain http a browser would drop a Secure cookie and nobody could sign in; `alwaysSecure` (HEIMDALL_SECURE_COOKIES)
 * forces it for deployments whose proxy does not send X-Forwarded-Proto.
 */
export function isSecureRequest(request: Request, alwaysSecure: boolean): boolean {
  if (alwaysSecure) return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || new URL(request.url).protocol === "https:";
}

interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
}

/** A Set-Cookie value: SameSite=Lax, Path=/, and the given lifetime (0 deletes the cookie). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
