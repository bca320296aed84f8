import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { folderBytes, watchFolderSize } from "@/app/_server/git/size-limit";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "heimdall-size-"));
  dirs.push(dir);
  return dir;
}

describe("folderBytes", () => {
  it("adds up regular files in nested folders without following links, and counts a missing folder as empty", () => {
    const dir = scratch();
    mkdirSync(path.join(dir, "a", "b"), { recursive: true });
    writeFileSync(path.join(dir, "one"), Buffer.alloc(100));
    writeFileSync(path.join(dir, "a", "b", "two"), Buffer.alloc(250));
    symlinkSync("/etc/passwd", path.join(dir, "link"));
    symlinkSync("/usr", path.join(dir, "a", "dir-link"));
    return Promise.all([expect(folderBytes(dir)).resolves.toBe(350), expect(folderBytes(path.join(dir, "nope"))).resolves.toBe(0)]);
  });
});

describe("watchFolderSize", () => {
  it("aborts its signal once the folder outgrows the limit while being written", async () => {
    const dir = scratch();
    const watch = watchFolderSize(dir, 1000, 10);
    writeFileSync(path.join(dir, "small"), Buffer.alloc(500));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(watch.isExceeded()).toBe(false);
    writeFileSync(path.join(dir, "large"), Buffer.alloc(1500));
    await new Promise<void>((resolve) => watch.signal.addEventListener("abort", () => resolve()));
    expect(watch.isExceeded()).toBe(true);
  });

  it("does nothing after it is stopped", async () => {
    const dir = scratch();
    const watch = watchFolderSize(dir, 10, 10);
    watch.stop();
    writeFileSync(path.join(dir, "large"), Buffer.alloc(100));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(watch.isExceeded()).toBe(false);
  });
});
