import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, signatureOf } from "@/app/_server/services/webhooks";

describe("checkWebhookUrl", () => {
  it("keeps an https URL on a public host, without its fragment", () => {
    expect(checkWebhookUrl("https://hooks.example.com/heimdall?team=a#top", false)).toBe("https://hooks.example.com/heimdall?team=a");
    expect(checkWebhookUrl("https://93.184.215.14:8443/hook", false)).toBe("https://93.184.215.14:8443/hook");
  });

  it.each([
    ["http://hooks.example.com/x", "must use https://"],
    ["ftp://hooks.example.com/x", "must use https://"],
    ["https://user:secret@hooks.example.com/x", "user name or password"],
    ["https://127.0.0.1/x", "loopback"],
    ["https://2130706433/x", "loopback"],
    ["https://0x7f.1/x", "loopback"],
    ["https://[::1]/x", "loopback"],
    ["https://169.254.169.254/latest/meta-data", "link-local"],
    ["https://10.1.2.3/x", "private"],
    ["https://[fd00::1]/x", "unique-local"],
    ["https://metadata.localhost/x", "localhost"],
    ["no url at all", "is not a URL"],
  ])("refuses %s (%s)", (url, reason) => {
    expect(() => checkWebhookUrl(url, false)).toThrow(reason);
  });

  it("allows plain http and private hosts only where HEIMDALL_ALLOW_PRIVATE_HOSTS allows internal receivers", () => {
    expect(checkWebhookUrl("http://127.0.0.1:9000/hook", true)).toBe("http://127.0.0.1:9000/hook");
    expect(checkWebhookUrl("https://hooks.internal/x", true)).toBe("https://hooks.internal/x");
    expect(() => checkWebhookUrl("https://user:pw@127.0.0.1/x", true)).toThrow("user name or password");
  });
});

describe("signatureOf", () => {
  it("is sha256= and the hex HMAC-SHA256 of the raw body with the secret, as receivers recompute it", () => {
    const body = '{"event":"gate.failed"}';
    expect(signatureOf("hmdwh_secret", body)).toBe(`sha256=${createHmac("sha256", "hmdwh_secret").update(body).digest("hex")}`);
    expect(signatureOf("hmdwh_secret", body)).not.toBe(signatureOf("hmdwh_other", body));
    expect(signatureOf("hmdwh_secret", `${body} `)).not.toBe(signatureOf("hmdwh_secret", body));
  });
});
