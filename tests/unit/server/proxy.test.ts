import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, proxy } from "@/proxy";
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

  it("marks API answers to a session or a token not to be stored, and leaves anonymous ones alone", () => {
    const withSession = proxy(new NextRequest("http://localhost/api/overview", { headers: { cookie: "heimdall_session=abc" } }));
    const withToken = proxy(new NextRequest("http://localhost/api/overview", { headers: { authorization: "Bearer hmd_x" } }));
    const anonymous = proxy(new NextRequest("http://localhost/api/health"));
    expect([withSession, withToken].map((response) => response.headers.get("cache-control"))).toEqual(["no-store", "no-store"]);
    expect(anonymous.headers.get("cache-control")).toBeNull();
    expect(withSession.headers.get("content-security-policy")).toBeNull();
  });
});
