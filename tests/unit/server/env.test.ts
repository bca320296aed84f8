import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv, requireDatabaseUrl } from "@/app/_server/env";

describe("loadEnv", () => {
  it("needs nothing: every variable has a default", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HEIMDALL_DATA_DIR: ".data", HEIMDALL_WORKER_CONCURRENCY: 1, HEIMDALL_LOCAL_REPO_ROOTS: [], HEIMDALL_ALLOW_PRIVATE_HOSTS: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("splits local repository roots and makes them absolute", () => {
    expect(loadEnv({ HEIMDALL_LOCAL_REPO_ROOTS: "/srv/git:relative" }).HEIMDALL_LOCAL_REPO_ROOTS).toEqual([
      "/srv/git",
      `${process.cwd()}/relative`,
    ]);
  });

  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    [" true ", true],
    ["false", false],
    ["0", false],
    ["", false],
  ] as const)("reads HEIMDALL_ALLOW_PRIVATE_HOSTS=%j as %s", (value, expected) => {
    expect(loadEnv({ HEIMDALL_ALLOW_PRIVATE_HOSTS: value }).HEIMDALL_ALLOW_PRIVATE_HOSTS).toBe(expected);
  });

  it("refuses a HEIMDALL_ALLOW_PRIVATE_HOSTS that is neither true nor false", () => {
    expect(() => loadEnv({ HEIMDALL_ALLOW_PRIVATE_HOSTS: "yes please" })).toThrow(/HEIMDALL_ALLOW_PRIVATE_HOSTS: must be "true", "1", "false" or "0"/);
  });

  it("names each bad variable and what it expected", () => {
    expect(() => loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT: /);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    }
  });

  it("requireDatabaseUrl explains how to get one", () => {
    expect(() => requireDatabaseUrl(loadEnv({}))).toThrow(/npm start/);
  });
});
