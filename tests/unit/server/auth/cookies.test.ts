import { describe, expect, it } from "vitest";
import { isSecureRequest, readCookies, serializeCookie } from "@/app/_server/auth/cookies";

describe("session cookie attributes", () => {
  it("are Secure over https, behind a proxy that says https, or when forced — and not on plain http", () => {
    expect(isSecureRequest(new Request("https://heimdall.example.com/api/auth/sign-in"), false)).toBe(true);
    expect(isSecureRequest(new Request("http://10.0.0.5:3000/api/auth/sign-in", { headers: { "x-forwarded-proto": "https, http" } }), false)).toBe(true);
    expect(isSecureRequest(new Request("http://10.0.0.5:3000/api/auth/sign-in"), true)).toBe(true);
    expect(isSecureRequest(new Request("http://10.0.0.5:3000/api/auth/sign-in"), false)).toBe(false);
    expect(isSecureRequest(new Request("http://10.0.0.5:3000/api/auth/sign-in", { headers: { "x-forwarded-proto": "http" } }), false)).toBe(false);
  });

  it("are written HttpOnly, SameSite=Lax and Path=/ with a lifetime, and read back", () => {
    const cookie = serializeCookie("heimdall_session", "a b;c", { maxAgeSeconds: 60.7, httpOnly: true, secure: true });
    expect(cookie).toBe("heimdall_session=a%20b%3Bc; Path=/; SameSite=Lax; Max-Age=60; HttpOnly; Secure");
    expect(serializeCookie("heimdall_csrf", "x", { maxAgeSeconds: -5, httpOnly: false, secure: false })).toBe("heimdall_csrf=x; Path=/; SameSite=Lax; Max-Age=0");
    const read = readCookies(new Request("http://h/", { headers: { cookie: "heimdall_session=a%20b%3Bc; other=1; heimdall_session=second; bad=%E0%A4%A" } }));
    expect(read.get("heimdall_session")).toBe("a b;c");
    expect(read.get("bad")).toBe("%E0%A4%A");
  });
});
