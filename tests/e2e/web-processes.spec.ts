// `npm run web` with HEIMDALL_WEB_PROCESSES=2 beside the e2e server, on the same database and build: both processes
// serve the one port, a web process that dies is replaced, and SIGTERM ends them all.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { freePort } from "../../app/_server/free-port";
import { e2eDatabaseUrl } from "./demo-seed";

/** The web processes the server forked (node:cluster), read from /proc so no procps is needed. */
function webProcesses(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: the command may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      // Forked web processes run scripts/web.ts again; tsx's esbuild service is a child too, and is left out.
      if (ppid === parent && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("scripts/web.ts")) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

test("npm run web serves from two processes, replaces one that dies and stops them all on SIGTERM", async ({ request }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/web.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), PORT: String(port), HOSTNAME: "127.0.0.1", HEIMDALL_WEB_PROCESSES: "2", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Heimdall logs JSON lines on stdout.
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(async () => (await request.get(`${base}/api/health`).catch(() => null))?.status() ?? 0, { timeout: 90_000 }).toBe(200);
    const first = webProcesses(child.pid ?? 0);
    expect(first).toHaveLength(2);

    // One web process dies. A connection handed to it in the instant before the cluster notices can be reset, so the
    // checks start once the death is noticed: from then on every new connection is answered, and a new process starts.
    process.kill(first[0] ?? 0, "SIGKILL");
    await expect.poll(() => log.includes("a web process ended; starting another"), { timeout: 30_000 }).toBe(true);
    for (let i = 0; i < 10; i++) expect((await request.get(`${base}/api/health`, { headers: { connection: "close" } })).status()).toBe(200);
    await expect.poll(() => webProcesses(child.pid ?? 0).filter((pid) => !first.includes(pid)).length, { timeout: 60_000 }).toBe(1);
    expect(webProcesses(child.pid ?? 0)).toHaveLength(2);

    const survivors = webProcesses(child.pid ?? 0);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(survivors.filter((pid) => webProcesses(child.pid ?? 0).includes(pid) || isAlive(pid))).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
