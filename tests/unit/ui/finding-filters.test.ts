import { describe, expect, it } from "vitest";
import { findingFiltersQuery, findingsHref, hasNarrowingFilters, NO_FILTERS, parseFindingFilters } from "@/app/_lib/finding-filters";

describe("findings explorer filters in the URL", () => {
  it("reads lists repeated or comma-separated, and writes them back short, leaving defaults out", () => {
    const filters = parseFindingFilters(new URLSearchParams("rule=naming,function-size&rule=naming&severity=error&severity=bogus&tag=CI/CD&path=src/&change=new&sort=file&page=3&pageSize=50"));
    expect(filters).toEqual({ ...NO_FILTERS, rule: ["naming", "function-size"], tag: ["CI/CD"], severity: ["error"], path: "src/", change: "new", sort: "file", page: 3, pageSize: 50 });
    expect(findingFiltersQuery(filters).toString()).toBe("rule=naming%2Cfunction-size&tag=CI%2FCD&severity=error&path=src%2F&change=new&sort=file&page=3&pageSize=50");
    expect(findingFiltersQuery(parseFindingFilters(new URLSearchParams(""))).toString()).toBe("");
  });

  it("falls back to the defaults for values it does not know instead of failing the page", () => {
    const filters = parseFindingFilters(new URLSearchParams("change=everything&suppressed=maybe&sort=size&order=up&page=0&pageSize=5000"));
    expect(filters).toEqual(NO_FILTERS);
    expect(hasNarrowingFilters(filters)).toBe(false);
  });

  it("builds explorer links from encoded ids only", () => {
    expect(findingsHref("cm1/../x", { rule: ["naming"], snapshot: "s?1" })).toBe("/repositories/cm1%2F..%2Fx/findings?snapshot=s%3F1&rule=naming");
    expect(findingsHref("cm1")).toBe("/repositories/cm1/findings");
  });
});
