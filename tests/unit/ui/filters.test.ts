import { describe, expect, it } from "vitest";
import { describePeriod, filterQuery, isDate, parseFilters, repositoryHref, teamHref } from "@/app/_lib/filters";

const parse = (query: string, options?: { withTeam?: boolean }) => parseFilters(new URLSearchParams(query), options);

describe("dashboard filters in the URL", () => {
  it("reads a named range or a custom period and a team, and writes them back in a fixed order", () => {
    const named = parse("team=payments&range=52w&snapshot=x");
    expect(named).toEqual({ ok: true, filters: { range: "52w", from: null, to: null, team: "payments" } });
    if (named.ok) expect(filterQuery(named.filters)).toBe("range=52w&team=payments");
    const custom = parse("from=2026-01-05&to=2026-03-30");
    expect(custom).toEqual({ ok: true, filters: { range: null, from: "2026-01-05", to: "2026-03-30", team: null } });
    if (custom.ok) expect([filterQuery(custom.filters, ["range", "from", "to"]), describePeriod(custom.filters)]).toEqual(["from=2026-01-05&to=2026-03-30", "2026-01-05 – 2026-03-30"]);
    const none = parse("");
    expect(none).toEqual({ ok: true, filters: { range: null, from: null, to: null, team: null } });
    if (none.ok) expect([filterQuery(none.filters), describePeriod(none.filters)]).toEqual(["", "the last 26 weeks"]);
  });

  it("names every problem with a malformed link instead of guessing", () => {
    expect(parse("range=7x&team=Not%20A%20Team")).toEqual({
      ok: false,
      problems: ["The time range “7x” is not one of 12w, 26w, 52w, 104w.", "The team “Not A Team” is not a team’s short name (lowercase letters, digits and dashes)."],
    });
    expect(parse("range=12w&from=2026-02-30&to=2026-01-01")).toEqual({
      ok: false,
      problems: ["The start date “2026-02-30” is not a date written YYYY-MM-DD.", "Give either a time range or a start date, not both."],
    });
    expect(parse("to=2026-01-01")).toEqual({ ok: false, problems: ["An end date needs a start date (from) too."] });
    expect(parse("from=2026-03-01&to=2026-01-01")).toEqual({ ok: false, problems: ["The start date is after the end date."] });
    expect(parse(`range=${"x".repeat(500)}`)).toMatchObject({ ok: false, problems: [expect.stringContaining(`“${"x".repeat(40)}…”`)] });
  });

  it("ignores the team on a team's own page, where it is in the path", () => {
    expect(parse("team=Not%20A%20Team&range=12w", { withTeam: false })).toEqual({ ok: true, filters: { range: "12w", from: null, to: null, team: null } });
  });

  it("tells real calendar days from look-alikes", () => {
    expect([isDate("2024-02-29"), isDate("2026-02-29"), isDate("2026-13-01"), isDate("26-01-01"), isDate("2026-01-01T00:00")]).toEqual([true, false, false, false, false]);
  });

  it("builds links from percent-encoded ids and slugs only", () => {
    expect(repositoryHref("javascript:alert(1)")).toBe("/repositories/javascript%3Aalert(1)");
    expect(repositoryHref("../../x?y#z")).toBe("/repositories/..%2F..%2Fx%3Fy%23z");
    expect(teamHref("payments", "range=12w")).toBe("/teams/payments?range=12w");
    expect(teamHref("a/b")).toBe("/teams/a%2Fb");
  });
});
