import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { RepositoryDto } from "../../app/_lib/dto";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { csrfHeaders } from "./auth";
import { E2E_REPO_ROOT } from "./paths";

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

/** Each week one more long, undocumented, copied function: the score falls week by week, so the chart shows a trend. */
function trendFile(week: number): string {
  const body = Array.from({ length: 30 }, (_, line) => `  total += ${line};`).join("\n");
  return Array.from({ length: week + 1 }, (_, n) => `export function total${n}(total: number): number {\n${body}\n  return total;\n}\n`).join("\n");
}

/** Over the 1 MB per-file limit: a scan of a commit that has it is partial. */
const HUGE_FILE = `export const blob = "${"x".repeat(1_100_000)}";\n`;

/**
 * The sample repository with eleven weekly commits ending an hour ago (the first 11 weeks back); weeks 6 and 7 carry a
 * file over the size limit, which week 8 shrinks again, so exactly those two snapshots are partial.
 */
function weeklyRepo(): string {
  const now = Date.now() - 60 * 60 * 1000;
  const repo = createFixtureRepo(E2E_REPO_ROOT, "sample", { date: new Date(now - 11 * WEEK - DAY) });
  for (let week = 0; week <= 10; week += 1) {
    const date = new Date(now - (10 - week) * WEEK);
    if (week === 6) commitFile(repo, "src/generated/blob.ts", HUGE_FILE, "Generated data", { date: new Date(date.getTime() - 60_000) });
    if (week === 8) commitFile(repo, "src/generated/blob.ts", 'export const blob = "small";\n', "Shrink generated data", { date: new Date(date.getTime() - 60_000) });
    commitFile(repo, "src/domain/trend.ts", trendFile(week), `Week ${week}`, { date });
  }
  return repo;
}

async function register(request: APIRequestContext, data: Record<string, unknown>): Promise<RepositoryDto> {
  const response = await request.post("/api/repositories", { data, headers: await csrfHeaders(request) });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as RepositoryDto;
}

/** Screenshots for a person to look at: desktop light, phone width, desktop dark. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/e2e/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `test-results/e2e/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
}

/** Scan now, then the history's first row is that scan, succeeded, and the chart has its one point. */
async function scanOnce(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Scan now" }).click();
  const first = page.getByTestId("scan-history").getByRole("row").nth(1);
  await expect(first).toContainText("succeeded", { timeout: 60_000 });
  await expect(first).toContainText("manual");
  await expect(page.getByTestId("score-chart").locator(".snapshot-dot")).toHaveCount(1);
}

/** Opens the Backfill panel (a disclosure button) and asks for 12 weeks of weekly points. */
async function startBackfill(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: "Backfill", exact: true });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("How far back").selectOption({ label: "12 weeks" });
  await expect(page.getByLabel("Points")).toHaveValue("weekly");
  await page.getByRole("button", { name: "Start backfill" }).click();
}

/**
 * Progress shows as "n of 12 points" with a bar — twelve weekly points: the head commit (already stored, so no new
 * point), the ten weeks before it and the first commit — and the chart fills in; weeks 6 and 7 are marked partial.
 */
async function expectBackfilledChart(page: Page): Promise<void> {
  const summary = page.getByTestId("backfill-summary");
  await expect(summary).toHaveText(/^\d+ of 12 points$/, { timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Backfill progress" })).toBeVisible();
  await expect(summary).toHaveText("12 of 12 points", { timeout: 120_000 });
  await expect(page.getByTestId("backfill-progress")).toContainText("Backfill finished");
  const chart = page.getByTestId("score-chart");
  await expect(chart.locator(".snapshot-dot")).toHaveCount(12);
  await expect(chart).toHaveAttribute("aria-label", "Score history, 12 snapshot(s)");
  await expect(chart.locator(".snapshot-mark-partial")).toHaveCount(2);
  await expect(chart).toContainText("partial: limits left part of the repository unanalyzed");
  // Backfill points are not branch scans: the history still holds the one manual scan.
  await expect(page.getByTestId("scan-history").getByRole("row")).toHaveCount(2);
}

/** The oldest point opens by mouse (its tooltip first); the URL names the snapshot and the rules say which commit. */
async function openOldestPoint(page: Page, request: APIRequestContext): Promise<void> {
  const chart = page.getByTestId("score-chart");
  const oldest = chart.locator(".snapshot-dot").first();
  const oldestId = await oldest.getAttribute("data-scan-id");
  await oldest.hover();
  await expect(page.locator(".chart-tooltip")).toContainText("grade");
  await page.screenshot({ path: "test-results/e2e/score-chart-tooltip.png" });
  await oldest.click();
  await expect(page).toHaveURL(new RegExp(`\\?snapshot=${oldestId}$`));
  await expect(page.getByRole("heading", { name: "Rules of an earlier snapshot" })).toBeVisible();
  await expect(oldest).toHaveAttribute("aria-pressed", "true");
  const oldestScan = (await (await request.get(`/api/scans/${oldestId}`)).json()) as { commitSha: string };
  await expect(page.getByTestId("snapshot-caption")).toContainText(oldestScan.commitSha.slice(0, 8));
}

/**
 * By keyboard: the open point is the line's one tab stop; → moves along it to the first partial point (week 6, the
 * 8th point), Enter opens it, and the rules section states why it is partial.
 */
async function openPartialPointByKeyboard(page: Page): Promise<void> {
  const dots = page.getByTestId("score-chart").locator(".snapshot-dot");
  await expect(page.locator('[data-testid="score-chart"] .snapshot-dot[tabindex="0"]')).toHaveCount(1);
  await dots.first().focus();
  for (let step = 0; step < 7; step += 1) await page.keyboard.press("ArrowRight");
  const partial = dots.filter({ has: page.locator(".snapshot-mark-partial") }).first();
  await expect(partial).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(partial).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("snapshot-caption")).toContainText("Partial snapshot:");
  await expect(page.getByTestId("snapshot-caption")).toContainText("src/generated/blob.ts");
}

test("a backfill started from the page fills the score history; each point opens its snapshot", async ({ page, request }) => {
  const repository = await register(request, { url: weeklyRepo(), team: "Pipeline" });
  await page.goto(`/repositories/${repository.id}`);
  await scanOnce(page);
  await startBackfill(page);
  await expectBackfilledChart(page);
  await openOldestPoint(page, request);
  await openPartialPointByKeyboard(page);

  await page.getByRole("button", { name: "Back to the current snapshot" }).click();
  await expect(page.getByRole("heading", { name: "Rules", exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repository.id}$`));
  await screenshots(page, "repository-page");
});

test("a scan that fails shows its status and reason in the scan history", async ({ page, request }) => {
  const repo = createFixtureRepo(E2E_REPO_ROOT, "sample");
  const repository = await register(request, { url: repo, schedule: null });
  rmSync(repo, { recursive: true, force: true });
  await page.goto(`/repositories/${repository.id}`);
  await expect(page.getByText("No scans yet.")).toBeVisible();

  await page.getByRole("button", { name: "Scan now" }).click();
  const row = page.getByTestId("scan-history").getByRole("row").nth(1);
  await expect(row).toContainText("failed", { timeout: 60_000 });
  await expect(row).toContainText("manual");
  await expect(row.locator(".error-text")).toContainText("Could not clone");
  await expect(page.getByTestId("scan-error")).toContainText("Could not clone");
  await page.getByTestId("scan-history").screenshot({ path: "test-results/e2e/scan-history-failed.png" });
});

/** Saves a schedule from the settings panel. */
async function saveSchedule(page: Page, cron: string): Promise<void> {
  await page.getByLabel("Cron expression (UTC)").fill(cron);
  await page.getByRole("button", { name: "Save schedule" }).click();
}

/** The stored schedule fires at 06:30 UTC on a weekday, and the page shows that time in the browser's time zone. */
async function expectNextRunShown(page: Page, request: APIRequestContext, repositoryId: string): Promise<void> {
  const saved = (await (await request.get(`/api/repositories/${repositoryId}`)).json()) as RepositoryDto;
  expect(saved.schedule).toBe("30 6 * * mon-fri");
  const next = new Date(saved.nextScanAt ?? "");
  expect([next.getUTCHours(), next.getUTCMinutes(), [1, 2, 3, 4, 5].includes(next.getUTCDay())]).toEqual([6, 30, true]);
  const shown = await page.evaluate((iso) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }), saved.nextScanAt ?? "");
  await expect(page.getByTestId("next-scan")).toHaveText(`Next scheduled scan: ${shown}`);
  await expect(page.getByTestId("schedule-summary")).toContainText("30 6 * * mon-fri");
}

/** "Manual scans only" disables the cron field and, once saved, stores no schedule. */
async function switchToManualScans(page: Page, request: APIRequestContext, repositoryId: string): Promise<void> {
  await page.getByLabel("Manual scans only").check();
  await expect(page.getByLabel("Cron expression (UTC)")).toBeDisabled();
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByTestId("next-scan")).toContainText("Manual scans only");
  expect(((await (await request.get(`/api/repositories/${repositoryId}`)).json()) as RepositoryDto).schedule).toBeNull();
}

test("the schedule is edited in settings: the server's reason for a bad cron, the next run for a good one", async ({ page, request }) => {
  const repository = await register(request, { url: createFixtureRepo(E2E_REPO_ROOT, "sample") });
  await page.goto(`/repositories/${repository.id}`);
  await expect(page.getByTestId("schedule-summary")).toContainText("H H * * *");
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByLabel("Cron expression (UTC)")).toHaveValue("H H * * *");

  const alert = page.getByRole("form", { name: "Scan schedule" }).getByRole("alert");
  await saveSchedule(page, "0 25 * * *");
  await expect(alert).toHaveText('schedule: "0 25 * * *" is not a valid schedule: the hour field "25": 25 is outside 0-23.');
  await saveSchedule(page, "30 6 * * mon-fri");
  await expect(alert).toHaveCount(0);
  await expectNextRunShown(page, request, repository.id);
  await page.locator("#settings-panel").screenshot({ path: "test-results/e2e/repository-settings.png" });

  await switchToManualScans(page, request, repository.id);
  // A local repository takes no token, and the settings say why instead of offering a field.
  await expect(page.getByText("Only https repositories use a token")).toBeVisible();
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
});

/** Neither the page's HTML nor the API's answer contains any of the tokens; the API says one is stored. */
async function expectTokenHidden(page: Page, request: APIRequestContext, repositoryId: string, tokens: string[]): Promise<void> {
  await expect(page.getByTestId("token-state")).toHaveText("A token is stored.");
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  const html = await page.content();
  const answer = await (await request.get(`/api/repositories/${repositoryId}`)).text();
  for (const token of tokens) expect([html.includes(token), answer.includes(token)]).toEqual([false, false]);
  expect((JSON.parse(answer) as RepositoryDto).hasAccessToken).toBe(true);
}

/** Replaces the stored token, then reloads the page and opens the settings again. */
async function replaceToken(page: Page, replacement: string): Promise<void> {
  await page.getByRole("button", { name: "Replace" }).click();
  await page.getByLabel("New access token").fill(replacement);
  await page.getByRole("button", { name: "Save token" }).click();
  await expect(page.getByTestId("token-state")).toHaveText("A token is stored.");
  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
}

test("an https repository's access token is write-only: set, replaced and removed, never shown", async ({ page, request }) => {
  // Registration checks the address without contacting it, so an https repository can be registered offline; it is
  // never scanned here (manual schedule), which would need a server.
  const repository = await register(request, { url: "https://git.example.com/acme/private-repo.git", schedule: null });
  const [token, replacement] = [`e2e-token-${randomUUID()}`, `e2e-token-${randomUUID()}`];
  await page.goto(`/repositories/${repository.id}`);
  await page.getByRole("button", { name: "Settings" }).click();

  await expect(page.getByLabel("Access token", { exact: true })).toHaveAttribute("type", "password");
  await page.getByLabel("Access token", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Save token" }).click();
  await expectTokenHidden(page, request, repository.id, [token]);
  await page.locator("#settings-panel").screenshot({ path: "test-results/e2e/repository-token.png" });

  await replaceToken(page, replacement);
  await expectTokenHidden(page, request, repository.id, [token, replacement]);

  await page.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove token" }).click();
  await expect(page.getByLabel("Access token", { exact: true })).toBeVisible();
  expect(((await (await request.get(`/api/repositories/${repository.id}`)).json()) as RepositoryDto).hasAccessToken).toBe(false);
});
