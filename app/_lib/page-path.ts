/** Request header through which proxy.ts tells the root layout which page (path and query) is being rendered. */
export const PATH_HEADER = "x-heimdall-path";

/** Pages anyone may open without a session. */
const PUBLIC_PAGES = ["/login", "/setup"];

export function isPublicPage(path: string): boolean {
  const pathname = path.split(/[?#]/)[0] ?? "";
  return PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

/**
 * Where to go after signing in: a path of this site only (so a crafted `?next=https://evil.example` or `//evil.example`
 * cannot send someone elsewhere), never back to the sign-in or setup page; the overview otherwise.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || isPublicPage(next)) return "/";
  return next;
}

/** The sign-in page, returning to `next` afterwards. */
export function signInHref(next: string | null | undefined): string {
  const target = safeNext(next);
  return target === "/" ? "/login" : `/login?next=${encodeURIComponent(target)}`;
}
