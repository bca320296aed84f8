import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "./app/_lib/page-path";

/**
 * The page's Content-Security-Policy (docs/adr/0014-access-control.md): scripts only with this response's nonce (and
 * what they load, 'strict-dynamic'); inline style attributes stay allowed because recharts and React write them.
 * `next dev` alone needs 'unsafe-eval' (React rebuilds server error stacks with eval); production never gets it.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** 16 random bytes, base64: unguessable and new for every page response. */
function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Runs before every page request (API routes and static assets excluded by the matcher: API answers get their headers
 * from the route wrapper and next.config.ts, and a proxy pass costs every API call time). Pages get a fresh nonce:
 * Next.js reads it from the request's CSP header and puts it on its own scripts, and the same policy goes out on the
 * response. The path is handed to the root layout, which sends a visitor without a session to the sign-in page. The
 * headers that never change (nosniff, frame and referrer policy) come from next.config.ts for every response.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // Always overwritten here, so a client cannot choose what the layout believes the path is.
  headers.set(PATH_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API (see above), nor Next's hashed static files and the icon, which carry no nonce and no data.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
