import { describe, expect, it } from "vitest";
import { isPublicPage, safeNext, signInHref } from "@/app/_lib/page-path";

describe("where sign-in returns to", () => {
  it("keeps a path of this site with its query", () => {
    expect(safeNext("/repositories/abc/findings?rule=x")).toBe("/repositories/abc/findings?rule=x");
    expect(signInHref("/teams/payments?range=26w")).toBe("/login?next=%2Fteams%2Fpayments%3Frange%3D26w");
  });

  it("never leaves the site, nor returns to the sign-in or setup page (open redirects, loops)", () => {
    for (const next of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", null, undefined, "/login", "/login?next=/x", "/setup?token=t"]) {
      expect(safeNext(next), String(next)).toBe("/");
    }
    expect(signInHref("//evil.example")).toBe("/login");
  });

  it("lets only the sign-in and setup pages be opened without a session", () => {
    expect(["/login", "/login?next=%2F", "/setup?token=abc"].map(isPublicPage)).toEqual([true, true, true]);
    expect(["/", "/loginx", "/repositories", "/admin/users", "/settings"].map(isPublicPage)).toEqual([false, false, false, false, false]);
  });
});
