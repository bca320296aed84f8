import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/app/_server/auth/passwords";
import { loadEnv } from "@/app/_server/env";

const PASSWORD = "a".repeat(MIN_PASSWORD_LENGTH);

describe("first admin and public URL variables", () => {
  it("are optional, and an empty value counts as unset", () => {
    for (const env of [loadEnv({}), loadEnv({ HEIMDALL_ADMIN_EMAIL: " ", HEIMDALL_ADMIN_PASSWORD: "", HEIMDALL_PUBLIC_URL: "" })]) {
      expect([env.HEIMDALL_ADMIN_EMAIL, env.HEIMDALL_ADMIN_PASSWORD, env.HEIMDALL_PUBLIC_URL]).toEqual([undefined, undefined, undefined]);
    }
  });

  it("lower-cases the admin email and keeps the password as given", () => {
    expect(loadEnv({ HEIMDALL_ADMIN_EMAIL: " Ops@Example.COM ", HEIMDALL_ADMIN_PASSWORD: ` ${PASSWORD}` })).toMatchObject({ HEIMDALL_ADMIN_EMAIL: "ops@example.com", HEIMDALL_ADMIN_PASSWORD: ` ${PASSWORD}` });
  });

  it.each([
    [{ HEIMDALL_ADMIN_EMAIL: "ops@example.com" }, /HEIMDALL_ADMIN_PASSWORD: set HEIMDALL_ADMIN_EMAIL and HEIMDALL_ADMIN_PASSWORD together/],
    [{ HEIMDALL_ADMIN_PASSWORD: PASSWORD }, /HEIMDALL_ADMIN_EMAIL: set HEIMDALL_ADMIN_EMAIL and HEIMDALL_ADMIN_PASSWORD together/],
    [{ HEIMDALL_ADMIN_EMAIL: "not an email", HEIMDALL_ADMIN_PASSWORD: PASSWORD }, /HEIMDALL_ADMIN_EMAIL: must be an email address/],
    [{ HEIMDALL_ADMIN_EMAIL: "ops@example.com", HEIMDALL_ADMIN_PASSWORD: "a".repeat(MIN_PASSWORD_LENGTH - 1) }, /HEIMDALL_ADMIN_PASSWORD: must be at least 12 characters/],
    [{ HEIMDALL_ADMIN_EMAIL: "ops@example.com", HEIMDALL_ADMIN_PASSWORD: "a".repeat(MAX_PASSWORD_LENGTH + 1) }, /HEIMDALL_ADMIN_PASSWORD: must be at most 256 characters/],
    [{ HEIMDALL_PUBLIC_URL: "heimdall.example.com" }, /HEIMDALL_PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/],
    [{ HEIMDALL_PUBLIC_URL: "ftp://heimdall.example.com" }, /HEIMDALL_PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/],
  ])("refuses %j", (source, message) => {
    expect(() => loadEnv(source)).toThrow(message);
  });

  it("never repeats a refused password in its message", () => {
    expect(() => loadEnv({ HEIMDALL_ADMIN_EMAIL: "ops@example.com", HEIMDALL_ADMIN_PASSWORD: "hunter2" })).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter2") }));
  });

  it("accepts exactly the password bounds every password has", () => {
    expect(loadEnv({ HEIMDALL_ADMIN_EMAIL: "ops@example.com", HEIMDALL_ADMIN_PASSWORD: PASSWORD }).HEIMDALL_ADMIN_PASSWORD).toBe(PASSWORD);
    expect(loadEnv({ HEIMDALL_ADMIN_EMAIL: "ops@example.com", HEIMDALL_ADMIN_PASSWORD: "a".repeat(MAX_PASSWORD_LENGTH) }).HEIMDALL_ADMIN_PASSWORD).toHaveLength(MAX_PASSWORD_LENGTH);
  });

  it("drops a trailing slash from the public URL, so links join cleanly", () => {
    expect(loadEnv({ HEIMDALL_PUBLIC_URL: "https://heimdall.example.com/" }).HEIMDALL_PUBLIC_URL).toBe("https://heimdall.example.com");
  });
});
