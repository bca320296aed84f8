import { createHmac } from "node:crypto";
import { lookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { z } from "zod";
import type { CreatedWebhookDto, GateVerdictDto, WebhookDto, WebhookEventDto } from "../../_lib/dto";
import type { Actor } from "../../_lib/permissions";
import { recordAudit } from "../auth/audit";
import { authorize } from "../auth/authenticate";
import { authorizeTeamSlug } from "../auth/resources";
import { randomSecret } from "../auth/secrets";
import { getDb } from "../db";
import { loadEnv } from "../env";
import { AppError, notFound } from "../errors";
import { assertHostLiteral, classifyHost } from "../git/host-check";
import { logger } from "../logger";
import { enqueueWebhookDelivery, type WebhookJob } from "../queue/boss";
import { openSecret, sealForRequest, SecretBoxError } from "../security/secret-box";
import { queryObject, teamSlug } from "./dashboard/query";
import { chosenSnapshotSql, previousSnapshotSql } from "./dashboard/snapshots";
import { teamGate, verdictForSnapshot } from "./gate";

export const WEBHOOK_EVENTS = ["gate.failed", "score.dropped"] as const satisfies readonly WebhookEventDto[];
/** A receiver has this long to answer a delivery, connection included. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_WEBHOOKS_PER_OWNER = 20;
const log = logger.child({ component: "webhooks" });

const listQuery = z.strictObject({ team: teamSlug.optional() });

const createInput = z.strictObject({
  url: z.string({ error: "url is required" }).trim().min(1, "url is required").max(2048, "must be at most 2048 characters"),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(", ")}` }), { error: `events is required: a list of ${WEBHOOK_EVENTS.join(", ")}` })
    .min(1, "name at least one event")
    .max(10, "names at most 10 events")
    .transform((events) => [...new Set(events)]),
  /** A team slug; null or left out: an organisation webhook (admins only), for every team's repositories. */
  team: teamSlug.nullable().optional(),
});

/** The context a webhook's secret is sealed for: a ciphertext copied to another webhook's row does not open. */
function secretContext(webhookId: string): string {
  return `webhook-secret/${webhookId}`;
}

/**
 * Who may manage webhooks of the owner named by `slug`: a team's leads and admins (webhooks:manage on the team), or
 * admins alone for organisation webhooks (`slug` absent). Returns the owner's team id, null for the organisation.
 */
async function authorizeOwner(actor: Actor, slug: string | null | undefined): Promise<string | null> {
  if (slug) return authorizeTeamSlug(actor, "webhooks:manage", slug);
  authorize(actor, "webhooks:manage", null);
  return null;
}

/** `GET /api/webhooks[?team=slug]`: a team's webhooks, or without `team` the organisation's (admins only). */
export async function listWebhooks(actor: Actor, query: URLSearchParams): Promise<WebhookDto[]> {
  const { team } = listQuery.parse(queryObject(query));
  const teamId = await authorizeOwner(actor, team);
  const webhooks = await getDb().webhook.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    include: { team: { select: { slug: true } }, deliveries: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  return webhooks.map((webhook) => {
    const [last] = webhook.deliveries;
    return {
      id: webhook.id,
      team: webhook.team?.slug ?? null,
      url: webhook.url,
      events: webhook.events.filter((event): event is WebhookEventDto => (WEBHOOK_EVENTS as readonly string[]).includes(event)),
      createdAt: webhook.createdAt.toISOString(),
      lastDelivery: last
        ? { id: last.id, event: last.event, status: last.status, error: last.error, attempts: last.attempts, createdAt: last.createdAt.toISOString(), deliveredAt: last.deliveredAt?.toISOString() ?? null }
        : null,
    };
  });
}

/**
 * `POST /api/webhooks`: stores a webhook with a signing secret made here, sealed with HEIMDALL_SECRET_KEY and answered
 * this once. The URL must be https (plain http only where HEIMDALL_ALLOW_PRIVATE_HOSTS allows internal receivers) on a
 * public host, checked again on every delivery.
 */
export async function createWebhook(actor: Actor, raw: unknown, request: Request): Promise<CreatedWebhookDto> {
  const input = createInput.parse(raw);
  const teamId = await authorizeOwner(actor, input.team);
  const url = checkWebhookUrl(input.url, loadEnv().HEIMDALL_ALLOW_PRIVATE_HOSTS);
  const db = getDb();
  if ((await db.webhook.count({ where: { teamId } })) >= MAX_WEBHOOKS_PER_OWNER) {
    throw new AppError("conflict", `There are ${MAX_WEBHOOKS_PER_OWNER} webhooks already; delete one first.`);
  }
  const secret = randomSecret("hmdwh_");
  const webhook = await db.$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: { teamId, url, events: input.events, secretCipher: "" }, include: { team: { select: { slug: true } } } });
    return tx.webhook.update({ where: { id: created.id }, data: { secretCipher: sealWebhookSecret(created.id, secret) }, include: { team: { select: { slug: true } } } });
  });
  const team = webhook.team?.slug ?? null;
  // The URL's origin only: receivers such as chat hooks carry a credential in the path.
  await recordAudit(actor, { action: "webhook.create", targetType: "webhook", targetId: webhook.id, details: { team, origin: new URL(url).origin, events: input.events } }, request);
  return { id: webhook.id, team, url, events: input.events, createdAt: webhook.createdAt.toISOString(), lastDelivery: null, secret };
}

function sealWebhookSecret(webhookId: string, secret: string): string {
  return sealForRequest(secret, secretContext(webhookId), "The webhook");
}

/** `DELETE /api/webhooks/:id`: removes the webhook and its delivery history. */
export async function deleteWebhook(actor: Actor, webhookId: string, request: Request): Promise<void> {
  const db = getDb();
  const webhook = await db.webhook.findUnique({ where: { id: webhookId }, select: { id: true, teamId: true, url: true, team: { select: { slug: true } } } });
  if (!webhook) throw notFound("Webhook", webhookId);
  authorize(actor, "webhooks:manage", webhook.teamId);
  await db.webhook.delete({ where: { id: webhookId } });
  await recordAudit(actor, { action: "webhook.delete", targetType: "webhook", targetId: webhookId, details: { team: webhook.team?.slug ?? null, origin: new URL(webhook.url).origin } }, request);
}

/**
 * A receiver's URL as stored: https, or http when private hosts are allowed; no credentials; a host that is no private,
 * loopback or link-local address in any spelling unless allowed (names are resolved and checked on each delivery).
 */
export function checkWebhookUrl(raw: string, shouldAllowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("invalid_url", "url is not a URL: use https://host/path.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && shouldAllowPrivate)) {
    throw new AppError("unsupported_url", "A webhook URL must use https:// (plain http:// only when HEIMDALL_ALLOW_PRIVATE_HOSTS=true, for receivers inside the network).");
  }
  if (url.username || url.password) throw new AppError("unsupported_url", "A webhook URL cannot carry a user name or password: each delivery is signed instead.");
  assertHostLiteral(url.hostname, shouldAllowPrivate);
  url.hash = "";
  return url.href;
}

// ---- events of a new snapshot ----

/** What a receiver gets (JSON), signed in X-Heimdall-Signature. */
export interface WebhookPayload {
  event: WebhookEventDto;
  /** Same as X-Heimdall-Delivery. */
  delivery: string;
  occurredAt: string;
  repository: { id: string; name: string };
  team: { slug: string; name: string };
  scan: { id: string; commit: string | null };
  score: number | null;
  grade: string | null;
  previousScore: number | null;
  /** The verdict, on `gate.failed`. */
  gate?: GateVerdictDto;
}

/**
 * After a snapshot is stored: queues the events it raises, without waiting and without ever failing the scan (a
 * failure is logged). Snapshots of a backfill (past commits) and duplicates of a stored snapshot raise none.
 */
export function notifySnapshotStored(scanId: string): void {
  queueSnapshotEvents(scanId).catch((error: unknown) => log.error({ err: error, scanId }, "the webhook events of a snapshot could not be queued"));
}

/**
 * `gate.failed` when the snapshot fails its team's gate; `score.dropped` when its score is more than the gate's
 * `scoreDropAlert` below the previous snapshot's. One delivery row and one job per subscribed webhook (the team's and
 * the organisation's). Returns the deliveries queued.
 */
export async function queueSnapshotEvents(scanId: string): Promise<string[]> {
  const db = getDb();
  const scan = await db.scan.findUnique({
    where: { id: scanId },
    select: { id: true, status: true, backfillId: true, duplicateOfId: true, commitSha: true, score: true, grade: true, repository: { select: { id: true, name: true, teamId: true, team: { select: { slug: true, name: true } } } } },
  });
  if (!scan || scan.status !== "succeeded" || scan.duplicateOfId !== null || scan.backfillId !== null) return [];
  const { repository } = scan;
  const webhooks = await db.webhook.findMany({ where: { OR: [{ teamId: repository.teamId }, { teamId: null }] }, select: { id: true, events: true } });
  if (webhooks.length === 0) return [];
  const [gate, verdict, previousScore] = await Promise.all([teamGate(repository.teamId), verdictForSnapshot(scan.id), previousSnapshotScore(repository.id, scan.id)]);
  const events: WebhookEventDto[] = [];
  if (verdict.status === "fail") events.push("gate.failed");
  if (gate.scoreDropAlert !== null && previousScore !== null && scan.score !== null && previousScore - scan.score > gate.scoreDropAlert) events.push("score.dropped");
  const targets = events.flatMap((event) => webhooks.filter((candidate) => candidate.events.includes(event)).map((webhook) => ({ event, webhook })));
  // A handful of webhooks at most: their deliveries are recorded and queued side by side.
  const queued = await Promise.all(
    targets.map(async ({ event, webhook }) => {
      const delivery = await db.webhookDelivery.create({ data: { webhookId: webhook.id, event, scanId: scan.id } });
      const payload: WebhookPayload = {
        event,
        delivery: delivery.id,
        occurredAt: delivery.createdAt.toISOString(),
        repository: { id: repository.id, name: repository.name },
        team: { slug: repository.team.slug, name: repository.team.name },
        scan: { id: scan.id, commit: scan.commitSha },
        score: scan.score,
        grade: scan.grade,
        previousScore,
        ...(event === "gate.failed" ? { gate: verdict } : {}),
      };
      await queueDelivery(delivery.id, JSON.stringify(payload));
      return delivery.id;
    }),
  );
  return queued;
}

async function previousSnapshotScore(repositoryId: string, scanId: string): Promise<number | null> {
  const [row] = await getDb().$queryRaw<Array<{ score: number | null }>>`
    WITH chosen AS (${chosenSnapshotSql(repositoryId, scanId)}), prev AS (${previousSnapshotSql(repositoryId)})
    SELECT s.score FROM "Scan" s WHERE s.id = (SELECT id FROM prev)`;
  return row?.score ?? null;
}

/** The body travels in the job, so every retry sends the very bytes the first attempt signed. */
async function queueDelivery(deliveryId: string, body: string): Promise<void> {
  try {
    await enqueueWebhookDelivery({ deliveryId, body });
  } catch (error) {
    log.error({ err: error, deliveryId }, "a webhook delivery could not be queued");
    await getDb().webhookDelivery.update({ where: { id: deliveryId }, data: { error: "The job queue was unavailable; this delivery was not sent." } });
  }
}

// ---- delivery ----

export interface DeliveryAttempt {
  /** True when pg-boss will not retry the job after this attempt. */
  isFinalAttempt: boolean;
}

/** The outcome of one POST: the receiver's status, or why there was none and whether trying again could help. */
type PostOutcome = { status: number } | { error: string; isPermanent: boolean };

/**
 * One attempt at a delivery (a job of the webhook queue): POSTs the body, signed with the webhook's secret, and records
 * the attempt on its WebhookDelivery row. A 2xx delivers it. A 5xx, 408, 429, timeout or network error throws, so that
 * pg-boss retries it with backoff, until the last attempt; other answers (a receiver that refuses the event) and
 * refused hosts are final. A delivery whose webhook was deleted meanwhile is dropped.
 */
export async function deliverWebhook(job: WebhookJob, attempt: DeliveryAttempt): Promise<void> {
  const db = getDb();
  const delivery = await db.webhookDelivery.findUnique({ where: { id: job.deliveryId }, include: { webhook: true } });
  if (!delivery) return;
  const outcome = await sendDelivery(delivery.webhook, delivery.id, delivery.event, job.body);
  const isDelivered = "status" in outcome && outcome.status >= 200 && outcome.status < 300;
  const error = "error" in outcome ? outcome.error : isDelivered ? null : `The receiver answered ${outcome.status}.`;
  await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: { attempts: { increment: 1 }, status: "status" in outcome ? outcome.status : null, error, deliveredAt: isDelivered ? new Date() : null },
  });
  const shouldRetry = "error" in outcome ? !outcome.isPermanent : RETRIED_STATUSES.has(outcome.status) || outcome.status >= 500;
  if (!isDelivered && shouldRetry && !attempt.isFinalAttempt) throw new Error(`Webhook delivery ${delivery.id} failed: ${error}`);
  if (!isDelivered) log.warn({ deliveryId: delivery.id, webhookId: delivery.webhookId, error }, "webhook delivery failed");
}

const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/** `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret: what X-Heimdall-Signature carries. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

async function sendDelivery(webhook: { id: string; url: string; secretCipher: string }, deliveryId: string, event: string, body: string): Promise<PostOutcome> {
  let secret: string;
  try {
    secret = openSecret(webhook.secretCipher, secretContext(webhook.id));
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return { error: `The webhook's secret cannot be decrypted: ${error.message} Delete the webhook and create it again.`, isPermanent: true };
  }
  const headers = {
    "content-type": "application/json",
    "user-agent": "Heimdall-Webhooks/1",
    "x-heimdall-event": event,
    "x-heimdall-delivery": deliveryId,
    "x-heimdall-signature": signatureOf(secret, body),
  };
  return postJson(webhook.url, body, headers, loadEnv().HEIMDALL_ALLOW_PRIVATE_HOSTS);
}

/**
 * POSTs with node:http(s), not fetch, so that every address the receiver's name resolves to is checked at the moment
 * of connecting (a name re-pointed at an internal address after registration is refused). Redirects are not followed.
 */
async function postJson(rawUrl: string, body: string, headers: Record<string, string>, shouldAllowPrivate: boolean): Promise<PostOutcome> {
  let url: URL;
  try {
    url = new URL(checkWebhookUrl(rawUrl, shouldAllowPrivate));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, isPermanent: true };
    throw error;
  }
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    const request = transport.request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup(shouldAllowPrivate), signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) },
      (response) => {
        response.on("error", () => undefined);
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => resolve(requestFailure(error, url)));
    request.end(body);
  });
}

class RefusedAddressError extends Error {
  override name = "RefusedAddressError";
}

function requestFailure(error: NodeJS.ErrnoException, url: URL): PostOutcome {
  if (error instanceof RefusedAddressError) return { error: error.message, isPermanent: true };
  if (error.name === "AbortError" || error.name === "TimeoutError") return { error: `The receiver did not answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`, isPermanent: false };
  return { error: `Could not reach ${url.host}: ${error.code ?? error.message}.`, isPermanent: false };
}

/** dns.lookup that refuses a name when any of its addresses is private, loopback or link-local (unless allowed). */
function guardedLookup(shouldAllowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const refused = shouldAllowPrivate ? undefined : addresses.find((entry) => classifyHost(entry.address).reason !== null);
      if (refused) {
        const reason = classifyHost(refused.address).reason ?? "not public";
        return callback(new RefusedAddressError(`The host ${hostname} resolves to ${refused.address}, ${reason}; an admin can allow private hosts with HEIMDALL_ALLOW_PRIVATE_HOSTS=true.`), "", 0);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`The host ${hostname} has no address.`), { code: "ENOTFOUND" }), "", 0);
      return callback(null, first.address, first.family);
    });
  };
}
