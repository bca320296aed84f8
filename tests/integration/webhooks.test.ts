// Webhooks against real PostgreSQL, a real pg-boss worker and a real HTTP receiver on loopback (allowed here with
// HEIMDALL_ALLOW_PRIVATE_HOSTS, as the other tests that need a local server do).
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiErrorBody, CreatedWebhookDto, WebhookDto } from "@/app/_lib/dto";
import { PUT as putGateRoute } from "@/app/api/teams/[slug]/gate/route";
import { DELETE as deleteRoute } from "@/app/api/webhooks/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/webhooks/route";
import { issueApiToken } from "@/app/_server/auth/api-tokens";
import { getDb } from "@/app/_server/db";
import { openSecret } from "@/app/_server/security/secret-box";
import { deliverWebhook, queueSnapshotEvents, type WebhookPayload } from "@/app/_server/services/webhooks";
import { call, type CallAs } from "../helpers/api";
import { useScanWorkers } from "../helpers/scans";
import { commitId, storeSnapshot, teamWithRepository } from "../helpers/stored-snapshot";
import { hasValidSignature, startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver";

useScanWorkers();

const ENV_NAMES = ["HEIMDALL_SECRET_KEY", "HEIMDALL_ALLOW_PRIVATE_HOSTS"] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
const T0 = new Date("2026-10-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);

let receiver: WebhookReceiver;

beforeAll(() => {
  process.env.HEIMDALL_SECRET_KEY = randomBytes(32).toString("base64");
});

beforeEach(async () => {
  process.env.HEIMDALL_ALLOW_PRIVATE_HOSTS = "true";
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await receiver.close();
});

afterAll(() => {
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

async function createWebhook(body: unknown, as?: CallAs) {
  return call<CreatedWebhookDto & ApiErrorBody>(createRoute, { method: "POST", body, ...(as ? { as } : {}) });
}

async function waitForDeliveries(count: number, done: (row: { deliveredAt: Date | null; attempts: number }) => boolean, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await getDb().webhookDelivery.findMany({ orderBy: { createdAt: "asc" } });
    if (rows.length >= count && rows.every(done)) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries did not settle: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("managing webhooks", () => {
  it("creates a webhook with a secret made by the server, shown once, stored sealed, and audits it without the secret", async () => {
    const { team } = await teamWithRepository("payments");
    const created = await createWebhook({ url: "https://hooks.example.com/heimdall?key=abc#frag", events: ["gate.failed", "gate.failed", "score.dropped"], team: team.slug });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ team: "payments", url: "https://hooks.example.com/heimdall?key=abc", events: ["gate.failed", "score.dropped"], lastDelivery: null });
    const { secret } = created.body;
    expect(secret).toMatch(/^hmdwh_[A-Za-z0-9_-]{43}$/);

    const stored = await getDb().webhook.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.secretCipher).not.toContain(secret);
    expect(openSecret(stored.secretCipher, `webhook-secret/${stored.id}`)).toBe(secret);

    const listed = await call<WebhookDto[]>(listRoute, { url: "http://heimdall.test/api/webhooks?team=payments" });
    expect(listed.body).toEqual([{ id: created.body.id, team: "payments", url: "https://hooks.example.com/heimdall?key=abc", events: ["gate.failed", "score.dropped"], createdAt: created.body.createdAt, lastDelivery: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // The organisation's webhooks are another list.
    expect((await call<WebhookDto[]>(listRoute, { url: "http://heimdall.test/api/webhooks" })).body).toEqual([]);

    const [audit] = await getDb().auditEvent.findMany({ where: { action: "webhook.create" } });
    expect(audit).toMatchObject({ targetType: "webhook", targetId: created.body.id });
    expect(audit?.details).toEqual({ team: "payments", origin: "https://hooks.example.com", events: ["gate.failed", "score.dropped"] });
    expect(JSON.stringify({ ...audit, id: String(audit?.id) })).not.toContain(secret);
  });

  it.each([
    [{ url: "http://hooks.example.com/x", events: ["gate.failed"] }, 422, "must use https://"],
    [{ url: "https://127.0.0.1/x", events: ["gate.failed"] }, 422, "loopback"],
    [{ url: "https://[::ffff:10.0.0.1]/x", events: ["gate.failed"] }, 422, "private"],
    [{ url: "https://localhost:8443/x", events: ["gate.failed"] }, 422, "localhost"],
    [{ url: "https://user:pass@hooks.example.com/x", events: ["gate.failed"] }, 422, "user name or password"],
    [{ url: "ftp://hooks.example.com/x", events: ["gate.failed"] }, 422, "must use https://"],
    [{ url: "not a url", events: ["gate.failed"] }, 400, "is not a URL"],
    [{ url: "https://hooks.example.com/x", events: [] }, 400, "name at least one event"],
    [{ url: "https://hooks.example.com/x", events: ["push"] }, 400, "must be one of gate.failed, score.dropped"],
    [{ url: "https://hooks.example.com/x", events: ["gate.failed"], secret: "mine" }, 400, "secret"],
  ])("refuses %j with %i (%s) unless private hosts are allowed, storing nothing", async (body, status, message) => {
    process.env.HEIMDALL_ALLOW_PRIVATE_HOSTS = "false";
    const refused = await createWebhook(body);
    expect(refused.status).toBe(status);
    expect(refused.body.error.message).toContain(message);
    expect(await getDb().webhook.count()).toBe(0);
    expect(await getDb().auditEvent.count()).toBe(0);
  });

  it("is managed by the team's leads and admins only: team tokens and other teams get 403, organisation webhooks are for admins", async () => {
    const { team } = await teamWithRepository("payments");
    await teamWithRepository("search");
    const token = await issueApiToken({ name: "ci", teamId: team.id, admin: false, scopes: ["read", "scan", "coverage", "gate"], createdBy: "cli" });
    const asToken = { bearer: token.token };
    expect((await createWebhook({ url: "https://hooks.example.com/x", events: ["gate.failed"], team: "payments" }, asToken)).status).toBe(403);
    expect((await createWebhook({ url: "https://hooks.example.com/x", events: ["gate.failed"] }, asToken)).status).toBe(403);
    expect((await call(listRoute, { url: "http://heimdall.test/api/webhooks?team=payments", as: asToken })).status).toBe(403);
    expect((await call(listRoute, { url: "http://heimdall.test/api/webhooks", as: "anonymous" })).status).toBe(401);
    expect((await createWebhook({ url: "https://hooks.example.com/x", events: ["gate.failed"], team: "nobody" })).status).toBe(404);

    const organisation = await createWebhook({ url: "https://hooks.example.com/org", events: ["score.dropped"] });
    expect(organisation).toMatchObject({ status: 201, body: { team: null } });
    expect((await call(deleteRoute, { method: "DELETE", params: { id: organisation.body.id }, as: asToken })).status).toBe(403);
    expect(await getDb().webhook.count()).toBe(1);
  });

  it("deletes a webhook with its deliveries, audited; an unknown id is a 404", async () => {
    const { team } = await teamWithRepository("payments");
    const created = await createWebhook({ url: "https://hooks.example.com/x", events: ["gate.failed"], team: team.slug });
    await getDb().webhookDelivery.create({ data: { webhookId: created.body.id, event: "gate.failed" } });
    const deleted = await call(deleteRoute, { method: "DELETE", params: { id: created.body.id } });
    expect(deleted.status).toBe(204);
    expect(await getDb().webhook.count()).toBe(0);
    expect(await getDb().webhookDelivery.count()).toBe(0);
    expect(await getDb().auditEvent.findMany({ where: { action: "webhook.delete" } })).toMatchObject([{ targetId: created.body.id, details: { team: "payments", origin: "https://hooks.example.com" } }]);
    expect((await call(deleteRoute, { method: "DELETE", params: { id: created.body.id } })).status).toBe(404);
  });

  it("stores nothing when no HEIMDALL_SECRET_KEY is configured (503 saying what to set)", async () => {
    const { team } = await teamWithRepository("payments");
    const key = process.env.HEIMDALL_SECRET_KEY;
    delete process.env.HEIMDALL_SECRET_KEY;
    try {
      const refused = await createWebhook({ url: "https://hooks.example.com/x", events: ["gate.failed"], team: team.slug });
      expect(refused.status).toBe(503);
      expect(refused.body.error.message).toMatch(/set HEIMDALL_SECRET_KEY/);
      expect(await getDb().webhook.count()).toBe(0);
    } finally {
      process.env.HEIMDALL_SECRET_KEY = key;
    }
  });
});

describe("deliveries", () => {
  it("signs gate.failed and score.dropped for a new snapshot and retries a receiver that failed, through the worker's queue", async () => {
    const { team, repository } = await teamWithRepository("payments");
    await call(putGateRoute, { method: "PUT", params: { slug: team.slug }, body: { minScore: 80, noNewErrors: false, scoreDropAlert: 5 } });
    const created = await createWebhook({ url: receiver.url, events: ["gate.failed", "score.dropped"], team: team.slug });
    expect(created.status).toBe(201);

    // The first snapshot passes (score 90): nothing to send.
    await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 90 });
    // The receiver is down for its first request; the second snapshot fails the gate and dropped by 20 > 5 points.
    receiver.responses.push(503);
    const failing = await storeSnapshot(repository.id, { commitSha: commitId("two"), committedAt: at(1), score: 70 });

    const rows = await waitForDeliveries(2, (row) => row.deliveredAt !== null, 55_000);
    expect(rows.map((row) => row.event).sort()).toEqual(["gate.failed", "score.dropped"]);
    expect(rows.every((row) => row.scanId === failing && row.status === 204 && row.error === null)).toBe(true);
    expect(rows.map((row) => row.attempts).sort()).toEqual([1, 2]);

    expect(receiver.received).toHaveLength(3);
    for (const delivery of receiver.received) {
      expect(delivery).toMatchObject({ method: "POST", path: "/hooks/heimdall", headers: { "content-type": "application/json", "user-agent": "Heimdall-Webhooks/1" } });
      expect(hasValidSignature(delivery, created.body.secret)).toBe(true);
      expect(hasValidSignature(delivery, "some other secret")).toBe(false);
      const payload = JSON.parse(delivery.body) as WebhookPayload;
      expect(delivery.headers["x-heimdall-event"]).toBe(payload.event);
      expect(delivery.headers["x-heimdall-delivery"]).toBe(payload.delivery);
      expect(payload).toMatchObject({
        repository: { id: repository.id, name: repository.name },
        team: { slug: "payments", name: "payments" },
        scan: { id: failing, commit: commitId("two") },
        score: 70,
        grade: "C",
        previousScore: 90,
      });
    }
    // The retry sent the very bytes the first attempt signed.
    const [firstTry, ...rest] = receiver.received;
    expect(rest.filter((delivery) => delivery.headers["x-heimdall-delivery"] === firstTry?.headers["x-heimdall-delivery"]).map((delivery) => delivery.body)).toEqual([firstTry?.body]);
    const gateFailed = receiver.received.map((delivery) => JSON.parse(delivery.body) as WebhookPayload).find((payload) => payload.event === "gate.failed");
    expect(gateFailed?.gate).toMatchObject({ status: "fail", conditions: [{ name: "minScore", status: "fail", actual: 70, expected: 80 }] });
    const dropped = receiver.received.map((delivery) => JSON.parse(delivery.body) as WebhookPayload).find((payload) => payload.event === "score.dropped");
    expect(dropped && "gate" in dropped).toBe(false);

    const listed = await call<WebhookDto[]>(listRoute, { url: "http://heimdall.test/api/webhooks?team=payments" });
    expect(listed.body[0]?.lastDelivery).toMatchObject({ status: 204, error: null, deliveredAt: expect.any(String) });
  }, 70_000);

  it("sends only the events a webhook subscribed to, also to organisation webhooks, and nothing for small drops, backfills or duplicates", async () => {
    const { team, repository } = await teamWithRepository("payments");
    await call(putGateRoute, { method: "PUT", params: { slug: team.slug }, body: { noNewErrors: false, scoreDropAlert: 10 } });
    const teamHook = await createWebhook({ url: receiver.url, events: ["gate.failed"], team: team.slug });
    const orgHook = await createWebhook({ url: receiver.url, events: ["score.dropped"] });
    const other = await teamWithRepository("search");
    await createWebhook({ url: receiver.url, events: ["gate.failed", "score.dropped"], team: other.team.slug });

    const first = await storeSnapshot(repository.id, { commitSha: commitId("one"), committedAt: at(0), score: 90 });
    expect(await queueSnapshotEvents(first)).toEqual([]);
    // A drop of exactly 10 is not more than 10; the gate has no condition that fails.
    const small = await storeSnapshot(repository.id, { commitSha: commitId("two"), committedAt: at(1), score: 80 });
    expect(await queueSnapshotEvents(small)).toEqual([]);
    const big = await storeSnapshot(repository.id, { commitSha: commitId("three"), committedAt: at(2), score: 69.9 });
    await receiver.waitFor(1);
    const rows = await getDb().webhookDelivery.findMany();
    expect(rows).toMatchObject([{ webhookId: orgHook.body.id, event: "score.dropped", scanId: big }]);
    expect(rows.some((row) => row.webhookId === teamHook.body.id)).toBe(false);

    // A backfilled past commit, and a scan that found its snapshot stored already, raise nothing.
    const backfill = await getDb().backfill.create({ data: { repositoryId: repository.id, since: at(-10), intervalDays: 7 } });
    const past = await getDb().scan.create({ data: { repositoryId: repository.id, status: "succeeded", backfillId: backfill.id, commitSha: commitId("past"), committedAt: at(-5), score: 1, finishedAt: new Date() } });
    expect(await queueSnapshotEvents(past.id)).toEqual([]);
    const duplicate = await getDb().scan.create({ data: { repositoryId: repository.id, status: "succeeded", duplicateOfId: big, commitSha: commitId("three"), score: 69.9, finishedAt: new Date() } });
    expect(await queueSnapshotEvents(duplicate.id)).toEqual([]);
  });
});

describe("one delivery attempt", () => {
  async function pendingDelivery(url: string): Promise<{ deliveryId: string; body: string }> {
    const { team } = await teamWithRepository("payments");
    const created = await createWebhook({ url, events: ["gate.failed"], team: team.slug });
    expect(created.status).toBe(201);
    const delivery = await getDb().webhookDelivery.create({ data: { webhookId: created.body.id, event: "gate.failed" } });
    return { deliveryId: delivery.id, body: JSON.stringify({ event: "gate.failed", delivery: delivery.id }) };
  }

  it("throws for pg-boss to retry on a 5xx or 429 until the last attempt, and gives up at once on another 4xx", async () => {
    const job = await pendingDelivery(receiver.url);
    receiver.responses.push(500, 429, 500);
    await expect(deliverWebhook(job, { isFinalAttempt: false })).rejects.toThrow(/failed: The receiver answered 500/);
    await expect(deliverWebhook(job, { isFinalAttempt: false })).rejects.toThrow(/answered 429/);
    await deliverWebhook(job, { isFinalAttempt: true });
    expect(await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: job.deliveryId } })).toMatchObject({ attempts: 3, status: 500, error: "The receiver answered 500.", deliveredAt: null });

    receiver.responses.push(401);
    await deliverWebhook(job, { isFinalAttempt: false });
    expect(await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: job.deliveryId } })).toMatchObject({ attempts: 4, status: 401, deliveredAt: null });
    expect(receiver.received).toHaveLength(4);
  });

  it("gives a receiver 10 seconds, then counts the attempt as failed and retries", async () => {
    const job = await pendingDelivery(receiver.url);
    receiver.responses.push("hang");
    const started = Date.now();
    await expect(deliverWebhook(job, { isFinalAttempt: false })).rejects.toThrow(/did not answer within 10 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
    expect(await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: job.deliveryId } })).toMatchObject({ attempts: 1, status: null, error: "The receiver did not answer within 10 s." });
  }, 30_000);

  it("refuses a receiver on a private address once private hosts are no longer allowed, without sending anything", async () => {
    const job = await pendingDelivery(receiver.url);
    process.env.HEIMDALL_ALLOW_PRIVATE_HOSTS = "false";
    await deliverWebhook(job, { isFinalAttempt: false });
    const row = await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: job.deliveryId } });
    expect(row).toMatchObject({ attempts: 1, status: null, deliveredAt: null });
    expect(row.error).toMatch(/must use https:\/\//);
    expect(receiver.received).toHaveLength(0);
  });

  it("drops a delivery whose webhook was deleted meanwhile", async () => {
    const job = await pendingDelivery(receiver.url);
    await getDb().webhook.deleteMany();
    await deliverWebhook(job, { isFinalAttempt: false });
    expect(receiver.received).toHaveLength(0);
  });
});
