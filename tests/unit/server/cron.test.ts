import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEDULE, MIN_INTERVAL_MINUTES, nextRun, nextScheduledRun, parseSchedule, ScheduleError } from "@/app/_server/schedule/cron";

const AFTER = new Date("2026-03-04T10:20:30Z"); // a Wednesday
const ids = Array.from({ length: 500 }, (_, index) => `repo-${index}`);

/** The first `count` runs of `expression` for `id`, each after the one before. */
function runs(expression: string, id: string, count: number, after = AFTER): Date[] {
  const found: Date[] = [];
  let last = after;
  for (let index = 0; index < count; index += 1) {
    last = nextRun(expression, id, last);
    found.push(last);
  }
  return found;
}

describe("H", () => {
  it("gives each repository the same minute and hour on every call", () => {
    const first = nextRun(DEFAULT_SCHEDULE, "repo-a", AFTER);
    expect(nextRun(DEFAULT_SCHEDULE, "repo-a", AFTER)).toEqual(first);
    expect(nextRun(DEFAULT_SCHEDULE, "repo-a", new Date(AFTER.getTime() + 1000))).toEqual(first);
    expect(first.getUTCSeconds()).toBe(0);
    // A day later the same repository runs at the same time of day.
    const [one, two] = runs(DEFAULT_SCHEDULE, "repo-a", 2);
    expect((two?.getTime() ?? 0) - (one?.getTime() ?? 0)).toBe(24 * 60 * 60 * 1000);
  });

  it("spreads 500 repositories on the default schedule over the day instead of firing them at midnight", () => {
    const times = ids.map((id) => nextRun(DEFAULT_SCHEDULE, id, AFTER));
    const minutesOfDay = times.map((time) => time.getUTCHours() * 60 + time.getUTCMinutes());
    const hours = new Set(times.map((time) => time.getUTCHours()));
    expect(new Set(minutesOfDay).size).toBeGreaterThan(400);
    expect(hours.size).toBe(24);
    // No hour gets more than twice its fair share (500 / 24 ≈ 21).
    const perHour = new Map<number, number>();
    for (const time of times) perHour.set(time.getUTCHours(), (perHour.get(time.getUTCHours()) ?? 0) + 1);
    expect(Math.max(...perHour.values())).toBeLessThan(42);
    for (const time of times) {
      expect(time.getTime()).toBeGreaterThan(AFTER.getTime());
      expect(time.getTime() - AFTER.getTime()).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    }
  });

  it("differs across repositories", () => {
    expect(nextRun("H * * * *", "repo-a", AFTER).getUTCMinutes()).not.toBe(nextRun("H * * * *", "repo-b", AFTER).getUTCMinutes());
  });

  it("keeps H/15 to one minute offset per repository, every 15 minutes", () => {
    for (const id of ids.slice(0, 50)) {
      const found = runs("H/15 * * * *", id, 8);
      const offset = (found[0]?.getUTCMinutes() ?? -1) % 15;
      expect(offset).toBeGreaterThanOrEqual(0);
      for (const [index, time] of found.entries()) {
        expect(time.getUTCMinutes() % 15).toBe(offset);
        if (index > 0) expect(time.getTime() - (found[index - 1]?.getTime() ?? 0)).toBe(15 * 60 * 1000);
      }
    }
    expect(new Set(ids.map((id) => nextRun("H/15 * * * *", id, AFTER).getUTCMinutes() % 15)).size).toBe(15);
  });

  it("stays inside an H(a-b) range", () => {
    for (const id of ids.slice(0, 100)) {
      const time = nextRun("H(0-29) H(1-5) * * *", id, AFTER);
      expect(time.getUTCMinutes()).toBeLessThanOrEqual(29);
      expect(time.getUTCHours()).toBeGreaterThanOrEqual(1);
      expect(time.getUTCHours()).toBeLessThanOrEqual(5);
    }
  });
});

describe("nextRun", () => {
  it.each([
    ["0 3 * * *", "2026-03-05T03:00:00.000Z"],
    ["30 10 * * *", "2026-03-04T10:30:00.000Z"],
    ["*/5 * * * *", "2026-03-04T10:25:00.000Z"],
    ["0 9 * * mon-fri", "2026-03-05T09:00:00.000Z"],
    ["0 0 1 * *", "2026-04-01T00:00:00.000Z"],
    ["0 12 * * 0", "2026-03-08T12:00:00.000Z"],
    ["0 12 * * 7", "2026-03-08T12:00:00.000Z"],
    ["0 0 L * *", "2026-03-31T00:00:00.000Z"],
    ["  15   4  * *   * ", "2026-03-05T04:15:00.000Z"],
  ])("reads %j in UTC: next run %s", (expression, expected) => {
    expect(nextRun(expression, "any", AFTER).toISOString()).toBe(expected);
  });

  it("is strictly after the given time, even on a slot", () => {
    expect(nextRun("0 * * * *", "any", new Date("2026-03-04T10:00:00Z")).toISOString()).toBe("2026-03-04T11:00:00.000Z");
  });

  it("answers null for a manual-only repository", () => {
    expect(nextScheduledRun(null, "any", AFTER)).toBeNull();
    expect(nextScheduledRun("0 3 * * *", "any", AFTER)?.toISOString()).toBe("2026-03-05T03:00:00.000Z");
  });
});

describe("aliases", () => {
  it("@hourly runs once an hour at the repository's own minute", () => {
    const [first, second] = runs("@hourly", "repo-a", 2);
    expect(first?.getUTCMinutes()).toBe(nextRun("H * * * *", "repo-a", AFTER).getUTCMinutes());
    expect((second?.getTime() ?? 0) - (first?.getTime() ?? 0)).toBe(60 * 60 * 1000);
  });

  it("@daily is the default schedule", () => {
    expect(nextRun("@daily", "repo-a", AFTER)).toEqual(nextRun(DEFAULT_SCHEDULE, "repo-a", AFTER));
    expect(nextRun("@DAILY", "repo-a", AFTER)).toEqual(nextRun(DEFAULT_SCHEDULE, "repo-a", AFTER));
  });

  it("@weekly runs once a week, on a weekday of the repository's own", () => {
    const [first, second] = runs("@weekly", "repo-a", 2);
    expect((second?.getTime() ?? 0) - (first?.getTime() ?? 0)).toBe(7 * 24 * 60 * 60 * 1000);
    expect(new Set(ids.map((id) => nextRun("@weekly", id, AFTER).getUTCDay())).size).toBe(7);
  });
});

describe("parseSchedule", () => {
  it("tidies what it accepts", () => {
    expect(parseSchedule("  0  3 * *  * ")).toBe("0 3 * * *");
    expect(parseSchedule("@Weekly")).toBe("@weekly");
    expect(parseSchedule(DEFAULT_SCHEDULE)).toBe("H H * * *");
  });

  it.each([
    ["", /empty; use null for manual scans only/],
    ["0 3 * *", /it has 4 fields; a schedule has 5 \(minute hour day-of-month month day-of-week, in UTC\)/],
    ["0 0 3 * * *", /it has 6 fields/],
    ["60 * * * *", /the minute field "60": 60 is outside 0-59/],
    ["0 24 * * *", /the hour field "24": 24 is outside 0-23/],
    ["0 0 32 * *", /the day-of-month field "32": 32 is outside 1-31/],
    ["0 0 * 13 *", /the month field "13": 13 is outside 1-12/],
    ["0 0 * * 8", /the day-of-week field "8": 8 is outside 0-7/],
    ["0 0 * * fun", /the day-of-week field "fun": cannot resolve alias "fun"/],
    ["0 x * * *", /the hour field "x" has the term "x", which is not a value, range or step/],
    ["1-2-3 0 * * *", /the minute field "1-2-3" has the term "1-2-3"/],
    ["0 5-2 * * *", /the hour field "5-2": Invalid range: 5-2/],
    ["*/0 0 * * *", /the minute field "\*\/0": cannot repeat at every 0 time/],
    ["0 0 H * *", /the day-of-month field "H" uses H, which is allowed in the minute, hour and day-of-week fields only/],
    ["H,5 0 * * *", /H must be the whole field: H, H\/15, H\(0-29\) or H\(0-29\)\/10/],
    ["H(50-70) 0 * * *", /the minute field "H\(50-70\)" has the range 50-70, outside 0-59/],
    ["H/0 0 * * *", /has a step of 0; a step is 1 or more/],
    ["0 0 30 2 *", /that month never has that day/],
    ["0 0 31 2,4 *", /it never fires/],
    ["@yearly", /unknown alias; use @hourly, @daily, @weekly or five fields/],
  ])("refuses %j, saying which field and what is wrong", (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(ScheduleError);
    expect(() => parseSchedule(expression)).toThrow(message);
    expect(() => nextRun(expression, "any", AFTER)).toThrow(ScheduleError);
  });

  it("names the expression in every message", () => {
    expect(() => parseSchedule("0 24 * * *")).toThrow('"0 24 * * *" is not a valid schedule: ');
  });

  it.each([
    ["* * * * *", "it can fire every minute"],
    ["*/2 * * * *", "its runs can be as little as 2 minutes apart"],
    ["0-4 3 * * *", "it can fire every minute"],
    ["0,3 * * * *", "its runs can be as little as 3 minutes apart"],
    // 23:59 and 00:00 the next day: across midnight counts too.
    ["59,0 23,0 * * *", "it can fire every minute"],
    // :56 then :00 of the next hour.
    ["*/7 * * * *", "its runs can be as little as 4 minutes apart"],
    // For some repositories H/7 is 0, 7, …, 56 then 0: refused for all, so a schedule is valid or not whatever the id.
    ["H/7 * * * *", "its runs can be as little as 4 minutes apart"],
    ["H/3 * * * *", "its runs can be as little as 3 minutes apart"],
  ])("refuses %j, which fires more often than every 5 minutes", (expression, reason) => {
    expect(() => parseSchedule(expression)).toThrow(`${reason}; scheduled scans may run at most every ${MIN_INTERVAL_MINUTES} minutes`);
  });

  it.each(["*/5 * * * *", "0,5 * * * *", "*/7 9 * * *", "55 23 * * *", "0,58 10 * * *", "H/5 * * * *", "H/10 H * * *", "0 * * * *", "@hourly"])(
    "accepts %j, whose runs are at least 5 minutes apart",
    (expression) => {
      expect(parseSchedule(expression)).toBe(expression);
      for (const id of ids.slice(0, 10)) {
        const found = runs(expression, id, 30);
        for (let index = 1; index < found.length; index += 1) {
          expect((found[index]?.getTime() ?? 0) - (found[index - 1]?.getTime() ?? 0)).toBeGreaterThanOrEqual(MIN_INTERVAL_MINUTES * 60 * 1000);
        }
      }
    },
  );
});
