import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { ScanDetailDto, SnapshotDto } from "@/app/_lib/dto";
import { GET as listSnapshots } from "@/app/api/repositories/[id]/snapshots/route";
import { GET as getScan } from "@/app/api/scans/[id]/route";
import { getDb } from "@/app/_server/db";
import { call } from "../helpers/api";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { registerRepo, scanAndWait, useScanWorkers } from "../helpers/scans";

useScanWorkers(1);

const saved = { ...process.env };
afterEach(() => {
  for (const name of ["HEIMDALL_MAX_FILE_KB", "HEIMDALL_MAX_FILES", "HEIMDALL_MAX_REPO_MB"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("scan limits", () => {
  it("skips a source file over the size limit, marks the snapshot partial with the reason, and scores the rest", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    // 3 MB of generated TypeScript: over the default 1 MiB limit.
    const huge = `export const table = [\n${"  1234567890, 1234567890, 1234567890, 1234567890, 1234567890,\n".repeat(48_000)}];\n`;
    commitFile(repo, "src/generated/table.ts", huge, "Add a huge generated table");
    const repository = await registerRepo(repo);
    const scan = await scanAndWait(repository.id);

    expect(scan.status).toBe("succeeded");
    expect(scan.partialReason).toBe("1 source file is larger than 1 MiB and was not analyzed (e.g. src/generated/table.ts).");
    const stored = await getDb().scan.findUniqueOrThrow({ where: { id: scan.id } });
    expect((stored.stats as { skipped: unknown[] }).skipped).toContainEqual({ path: "src/generated/table.ts", reason: "too-large" });
    expect(await getDb().finding.count({ where: { scanId: scan.id, file: "src/generated/table.ts" } })).toBe(0);
    const { body: snapshots } = await call<SnapshotDto[]>(listSnapshots, { params: { id: repository.id } });
    expect(snapshots[0]?.partialReason).toBe(scan.partialReason);
  });

  it("analyzes at most HEIMDALL_MAX_FILES files of a repository with thousands, saying how many were left out", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    for (let index = 0; index < 3000; index += 1) {
      const file = path.join(repo, "src", "many", `m${String(index).padStart(4, "0")}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `export const value${index} = ${index};\n`);
    }
    commitFile(repo, "src/many/index.ts", "export {};\n", "Add three thousand modules");
    process.env.HEIMDALL_MAX_FILES = "2000";
    const repository = await registerRepo(repo);
    const scan = await scanAndWait(repository.id);

    expect(scan.status).toBe("succeeded");
    const stored = await getDb().scan.findUniqueOrThrow({ where: { id: scan.id } });
    const stats = stored.stats as { files: number; skipped: Array<{ reason: string }> };
    expect(stats.files).toBe(2000);
    const total = 2000 + stats.skipped.filter((file) => file.reason === "file-limit").length;
    expect(total).toBeGreaterThan(3000);
    expect(scan.partialReason).toBe(`The repository has ${total} source files; the first 2000 by path were analyzed and ${total - 2000} were not (file limit 2000).`);
    const { body: detail } = await call<ScanDetailDto>(getScan, { params: { id: scan.id } });
    expect(detail.partialReason).toBe(scan.partialReason);
  });

  it("refuses to clone a repository over HEIMDALL_MAX_REPO_MB, failing the scan at once and keeping the earlier snapshot", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const repository = await registerRepo(repo);
    const earlier = await scanAndWait(repository.id);
    expect(earlier.status).toBe("succeeded");
    // 3 MB that git cannot compress.
    mkdirSync(path.join(repo, "assets"), { recursive: true });
    writeFileSync(path.join(repo, "assets", "noise.bin"), randomBytes(3 * 1024 * 1024));
    commitFile(repo, "assets/README.md", "Noise.\n", "Add three megabytes of noise");
    process.env.HEIMDALL_MAX_REPO_MB = "1";
    const refused = await scanAndWait(repository.id);

    expect(refused).toMatchObject({ status: "failed", attempts: 1, error: "The repository is larger than 1 MB (HEIMDALL_MAX_REPO_MB) and was not cloned." });
    const { body: snapshots } = await call<SnapshotDto[]>(listSnapshots, { params: { id: repository.id } });
    expect(snapshots.map((snapshot) => snapshot.scanId)).toEqual([earlier.id]);
  });

  it("marks nothing partial when every file fits", async () => {
    const repository = await registerRepo(createFixtureRepo(inject("repoRoot"), "sample"));
    expect((await scanAndWait(repository.id)).partialReason).toBeNull();
  });
});
