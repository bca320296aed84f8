import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProgressRecorder, progressOf, type StoredProgress } from "@/app/_server/services/scan-progress";

const STARTED = new Date("2026-11-26T10:00:00.000Z");

/** A recorder whose writes are logged with the fake clock's time and take `writeMs` to finish. */
function recorder(writeMs = 0) {
  const writes: Array<{ at: number; progress: StoredProgress | null }> = [];
  const write = async (progress: StoredProgress | null) => {
    writes.push({ at: Date.now(), progress });
    if (writeMs > 0) await new Promise((resolve) => setTimeout(resolve, writeMs));
  };
  return { writes, recorder: new ProgressRecorder(write, STARTED) };
}

const parsed = (done: number) => ({ phase: "parsing" as const, done, total: 100 });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(STARTED);
});
afterEach(() => vi.useRealTimers());

describe("ProgressRecorder", () => {
  it("writes the first update at once, then at most once a second, always the newest state", async () => {
    const { writes, recorder: progress } = recorder();
    progress.report(parsed(1));
    await vi.advanceTimersByTimeAsync(0);
    for (let done = 2; done <= 30; done += 1) {
      progress.report(parsed(done));
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes.map(({ at, progress: written }) => [at - STARTED.getTime(), written?.done])).toEqual([
      [0, 1],
      [1000, 11],
      [2000, 21],
      [3000, 30],
    ]);
    expect(writes[0]?.progress).toEqual({ phase: "parsing", done: 1, total: 100, rule: null, startedAt: STARTED.toISOString(), updatedAt: STARTED.toISOString() });
  });

  it("never has two writes under way: a slow write delays the next one", async () => {
    const { writes, recorder: progress } = recorder(2500);
    progress.report(parsed(1));
    await vi.advanceTimersByTimeAsync(500);
    progress.report({ phase: "analyzing", rule: "duplication", done: 3, total: 29 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes.map(({ at, progress: written }) => [at - STARTED.getTime(), written?.phase, written?.rule])).toEqual([
      [0, "parsing", null],
      [2500, "analyzing", "duplication"],
    ]);
  });

  it("clears after the write under way and drops what was still waiting, so nothing brings progress back", async () => {
    const { writes, recorder: progress } = recorder(300);
    progress.report(parsed(1));
    progress.report(parsed(2));
    const cleared = progress.clear();
    progress.report(parsed(3));
    await vi.advanceTimersByTimeAsync(3000);
    await cleared;
    expect(writes.map(({ at, progress: written }) => [at - STARTED.getTime(), written?.done ?? null])).toEqual([
      [0, 1],
      [300, null],
    ]);
  });

  it("keeps recording after a failed write", async () => {
    let calls = 0;
    const progress = new ProgressRecorder(async () => {
      calls += 1;
      if (calls === 1) throw new Error("database briefly away");
    }, STARTED);
    progress.report(parsed(1));
    await vi.advanceTimersByTimeAsync(0);
    progress.report({ phase: "saving" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
  });
});

describe("progressOf", () => {
  const stored = { phase: "saving", done: 0, total: 0, rule: null, startedAt: STARTED.toISOString(), updatedAt: STARTED.toISOString() };

  it("shows the current attempt's progress and nothing else", () => {
    expect(progressOf(stored, STARTED)).toEqual({ phase: "saving", done: 0, total: 0, rule: null, updatedAt: STARTED.toISOString() });
    expect(progressOf(stored, new Date(STARTED.getTime() + 1))).toBeNull();
    expect(progressOf(stored, null)).toBeNull();
    expect(progressOf({ phase: "cloning" }, STARTED)).toBeNull();
    expect(progressOf(null, STARTED)).toBeNull();
  });
});
