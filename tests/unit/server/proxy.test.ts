import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, contentSecurityPolicy, proxy } from "@/proxy";
import { PATH_HEADER } from "@/app/_lib/page-path";

/** The request headers proxy.ts hands on to the page (Next.js carries them in x-middleware-request-* headers). */
const forwarded = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

describe("proxy.ts security headers", () => {
  it("gives each page response its own nonce, in the response's policy and in the request Next.js renders", () => {
    const first = proxy(new NextRequest("http://localhost/repositories/abc?snapshot=s1"));
    const second = proxy(new NextRequest("http://localhost/repositories/abc?snapshot=s1"));
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]{22,})'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(forwarded(first, "content-security-policy")).toBe(policy);
    expect(forwarded(first, PATH_HEADER)).toBe("/repositories/abc?snapshot=s1");
  });

  it("does not let a client choose the path the layout sees", () => {
    const response = proxy(new NextRequest("http://localhost/admin/users", { headers: { [PATH_HEADER]: "/login" } }));
    expect(forwarded(response, PATH_HEADER)).toBe("/admin/users");
  });

  it("writes the policy of ADR 14, with eval only for `next dev`", () => {
    expect(contentSecurityPolicy("abc", false)).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    expect(contentSecurityPolicy("abc", true)).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it("runs for pages only: the matcher leaves out the API and Next's static files", () => {
    const [matcher] = config.matcher;
    const matches = (path: string) => new RegExp(`^${matcher}$`).test(path);
    expect(["/", "/repositories/abc", "/login", "/admin/users"].every(matches)).toBe(true);
    expect(["/api/overview", "/api/health", "/_next/static/chunks/a.js", "/favicon.ico"].some(matches)).toBe(false);
  });
});
