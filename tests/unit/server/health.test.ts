import { describe, expect, it } from "vitest";
import { judgeDisk, runHealthChecks, worstOf } from "@/app/_server/services/health";

describe("health", () => {
  it("takes the worst status of all checks", () => {
    expect(worstOf(["healthy", "healthy"])).toBe("healthy");
    expect(worstOf(["healthy", "degraded"])).toBe("degraded");
    expect(worstOf(["degraded", "unhealthy", "healthy"])).toBe("unhealthy");
  });

  it("judges disk use by thresholds", () => {
    expect(judgeDisk(50)).toBe("healthy");
    expect(judgeDisk(91)).toBe("degraded");
    expect(judgeDisk(98)).toBe("unhealthy");
  });

  it("turns a failing check into unhealthy without its error's text (the endpoint is public), without failing the others", async () => {
    const report = await runHealthChecks({
      ok: async () => ({ status: "healthy", message: "fine" }),
      broken: async () => {
        throw new Error("connection refused\nstack details");
      },
    });
    expect(report.status).toBe("unhealthy");
    expect(report.checks.ok?.status).toBe("healthy");
    expect(report.checks.broken).toMatchObject({ status: "unhealthy", message: "The check failed; the reason is in the server log." });
    expect(JSON.stringify(report)).not.toContain("connection refused");
  });
});
