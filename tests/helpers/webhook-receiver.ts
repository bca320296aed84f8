import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got: its headers and the raw body, byte for byte. */
export interface ReceivedDelivery {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** How the next requests are answered: a status, or "hang" (never answer). Shifted per request; then `fallback`. */
  responses: Array<number | "hang">;
  fallback: number;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records what webhooks deliver (tests allow loopback with HEIMDALL_ALLOW_PRIVATE_HOSTS). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const hanging: http.ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: "",
    received,
    responses: [],
    fallback: 204,
    async waitFor(count, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} of ${count} deliveries within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return received.slice(0, count);
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = receiver.responses.shift() ?? receiver.fallback;
      if (answer === "hang") {
        hanging.push(response);
        return;
      }
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hooks/heimdall`;
  return receiver;
}

/** What a receiver must do: recompute the HMAC-SHA256 of the raw body with the secret and compare in constant time. */
export function hasValidSignature(delivery: ReceivedDelivery, secret: string): boolean {
  const sent = String(delivery.headers["x-heimdall-signature"] ?? "");
  const expected = `sha256=${createHmac("sha256", secret).update(delivery.body).digest("hex")}`;
  return sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
