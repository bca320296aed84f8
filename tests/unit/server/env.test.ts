import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv, requireDatabaseUrl } from "@/app/_server/env";

describe("loadEnv", () => {
  it("needs nothing: every variable has a default", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HEIMDALL_DATA_DIR: ".data", HEIMDALL_WORKER_CONCURRENCY: 1, HEIMDALL_LOCAL_REPO_ROOTS: [] });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("splits local repository roots and makes them absolute", () => {
    expect(loadEnv({ HEIMDALL_LOCAL_REPO_ROOTS: "/srv/git:relative" }).HEIMDALL_LOCAL_REPO_ROOTS).toEqual([
      "/srv/git",
      `${process.cwd()}/relative`,
    ]);
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
