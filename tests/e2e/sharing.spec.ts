// Sharing through the pages, as the signed-in admin (the setup project's state): the team's quality gate and webhooks,
// the public status badge, and the downloads — CSV of the findings and of a table on screen, SARIF of a snapshot.
import { readFileSync } from "node:fs";
import { expect, request as newRequest, test, type APIRequestContext, type Download } from "@playwright/test";
import type { RepositoryDto, ScanDto } from "../../app/_lib/dto";
import { createFixtureRepo } from "../helpers/git-fixture";
import { csrfHeaders } from "./auth";
import { E2E_PORT, E2E_REPO_ROOT } from "./paths";
import { screenshotsForReview } from "./screenshots";

async function scannedRepository(request: APIRequestContext): Promise<RepositoryDto> {
  const registered = await request.post("/api/repositories", { data: { url: createFixtureRepo(E2E_REPO_ROOT, "sample"), team: "Sharing", schedule: null }, headers: await csrfHeaders(request) });
  expect(registered.status(), await registered.text()).toBe(201);
  const repository = (await registered.json()) as RepositoryDto;
  const requested = await request.post(`/api/repositories/${repository.id}/scans`, { headers: await csrfHeaders(request) });
  const scan = (await requested.json()) as ScanDto;
  await expect.poll(async () => ((await (await request.get(`/api/scans/${scan.id}`)).json()) as ScanDto).status, { timeout: 60_000 }).toBe("succeeded");
  return repository;
}

async function downloadedText(download: Download): Promise<string> {
  return readFileSync((await download.path()) ?? "", "utf8");
}

test("a team's gate and webhooks, a public badge, and CSV and SARIF downloads", async ({ page, request }) => {
  const repository = await scannedRepository(request);
  const team = repository.team.slug;

  await page.goto(`/teams/${team}`);
  const gate = page.getByTestId("quality-gate");
  await expect(gate).toContainText("No minimum score.");
  await expect(gate).toContainText("nobody has set this team's gate yet");
  await gate.getByText("Change the gate").click();
  await gate.getByLabel("Minimum score (blank: none)").fill("60");
  await gate.getByLabel("domain").fill("90");
  await gate.getByLabel("Score-drop alert: points (blank: never)").fill("5");
  await gate.getByRole("button", { name: "Save gate" }).click();
  await expect(gate.getByRole("status")).toHaveText("Saved.");
  await expect(gate).toContainText("Score at least 60.");
  await expect(gate).toContainText("Line coverage at least 90% in domain");
  await expect(gate).toContainText("more than 5 points");

  const webhooks = page.getByTestId("webhooks");
  await expect(webhooks).toContainText("No webhooks yet.");
  await webhooks.getByLabel("Receiver URL (https)").fill("http://hooks.example.com/heimdall");
  await webhooks.getByRole("button", { name: "Add webhook" }).click();
  await expect(webhooks.getByRole("alert")).toContainText("must use https://");
  await webhooks.getByLabel("Receiver URL (https)").fill("https://hooks.example.com/heimdall");
  await webhooks.getByRole("button", { name: "Add webhook" }).click();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret.getByRole("textbox")).toHaveValue(/^hmdwh_[A-Za-z0-9_-]{43}$/);
  await screenshotsForReview(page, "team-gate-webhooks");
  await secret.getByRole("button", { name: "Done, I have copied it" }).click();
  await expect(secret).toHaveCount(0);
  await expect(webhooks.getByTestId("webhook")).toContainText("https://hooks.example.com/heimdall");
  await expect(webhooks.getByTestId("webhook")).toContainText("gate.failed · Nothing sent yet.");

  const tableDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the team's repositories as CSV" }).click();
  const tableCsv = await downloadedText(await tableDownload);
  expect(tableCsv.split("\r\n")[0]).toBe("repository,score,grade,change,last snapshot,last scan,last scan queued");
  expect(tableCsv).toContain(`${repository.name},`);

  // The badge: 404 for anyone until the repository is marked public.
  const anonymous = await newRequest.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  const badgeUrl = `/api/repositories/${repository.id}/badge.svg`;
  expect((await anonymous.get(badgeUrl)).status()).toBe(404);
  await page.goto(`/repositories/${repository.id}`);
  await page.getByRole("button", { name: "Settings" }).click();
  const badge = page.getByTestId("public-badge");
  // The box shows what the server stored: it turns checked once the change is saved.
  await badge.getByLabel(/Public badge/).click();
  await expect(badge.getByLabel(/Public badge/)).toBeChecked();
  await expect(badge.getByTestId("badge-markdown")).toHaveValue(`[![Heimdall](http://127.0.0.1:${E2E_PORT}${badgeUrl})](http://127.0.0.1:${E2E_PORT}/repositories/${repository.id})`);
  await expect(badge.getByRole("img")).toHaveJSProperty("complete", true);
  expect(await badge.getByRole("img").evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(50);
  const shown = await anonymous.get(badgeUrl);
  expect(shown.status()).toBe(200);
  expect(shown.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
  expect(await shown.text()).toMatch(/>\d+\.\d [A-E]<\/text>/);
  await anonymous.dispose();

  await page.goto(`/repositories/${repository.id}/findings?severity=warning`);
  const exports = page.getByTestId("findings-exports");
  const csvDownload = page.waitForEvent("download");
  await exports.getByRole("link", { name: /^Download CSV \(\d+ findings?\)$/ }).click();
  const findingsCsv = await downloadedText(await csvDownload);
  const records = findingsCsv.trim().split("\r\n");
  expect(records[0]).toBe("severity,rule,guide tags,section,file,line,end line,message,change,suppressed,suppression reason,fingerprint");
  expect(records.length).toBeGreaterThan(1);
  expect(records.slice(1).every((record) => record.startsWith("warning,"))).toBe(true);
  await expect(page.getByTestId("findings-count")).toContainText(`of ${records.length - 1} finding`);

  const sarifDownload = page.waitForEvent("download");
  await exports.getByRole("link", { name: "Download SARIF of the snapshot" }).click();
  const sarif = JSON.parse(await downloadedText(await sarifDownload)) as { version: string; runs: Array<{ results: unknown[] }> };
  expect(sarif.version).toBe("2.1.0");
  expect(sarif.runs[0]?.results.length).toBeGreaterThanOrEqual(records.length - 1);
});
