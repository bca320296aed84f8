import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { FindingsPageDto, RepositoryDto, ScanDto } from "../../app/_lib/dto";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { csrfHeaders } from "./auth";
import { E2E_REPO_ROOT } from "./paths";
import { INJECTION_QUERIES } from "../helpers/query-sources";

// Runs after the other specs (alphabetical order, one server): everything it checks is about its own repositories.

/** Thirty long, undocumented, unused report functions: function-size, doc-comments and unused-exports findings. */
function reports(count: number, from = 0): string {
  return Array.from({ length: count }, (_, offset) => {
    const index = from + offset;
    const body = Array.from({ length: 24 }, (_, line) => `  total += ${index * 31 + line};`).join("\n");
    return `export function report${index}(total: number): number {\n${body}\n  return total;\n}\n`;
  }).join("\n");
}

/** Repository text that would be markup if it were ever rendered as HTML. */
const HOSTILE_SQL = `export const audit = (id: string): unknown => db.query("SELECT '<img src=x onerror=alert(1)>' FROM audit WHERE id = " + id);`;

/**
 * The sample repository with the findings above and 2,500 small modules that hold nothing to report but take the
 * analysis several seconds to parse, so the scan page has a running scan to show.
 */
function drilldownRepo(): string {
  const repo = createFixtureRepo(E2E_REPO_ROOT, "sample");
  mkdirSync(path.join(repo, "src", "modules"), { recursive: true });
  mkdirSync(path.join(repo, "src", "infrastructure"), { recursive: true });
  for (let n = 0; n < 2500; n += 1) {
    writeFileSync(path.join(repo, "src", "modules", `module${n}.ts`), Array.from({ length: 6 }, (_, f) => `const value${n}x${f} = [1, 2, 3].map((item) => item * ${n + f});`).join("\n") + "\n");
  }
  writeFileSync(path.join(repo, "src", "infrastructure", "db.ts"), "export const db = { query: (sql: string): unknown => sql };\n");
  writeFileSync(path.join(repo, "src", "infrastructure", "queries.ts"), INJECTION_QUERIES);
  commitFile(repo, "src/application/reports.ts", reports(30), "Reports, queries and modules");
  return repo;
}

async function findingsApi(request: APIRequestContext, repositoryId: string, query: string): Promise<FindingsPageDto> {
  const response = await request.get(`/api/repositories/${repositoryId}/findings?${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as FindingsPageDto;
}

/** The views a person looks at: desktop light (whole page), phone width 390 px (whole page and first screen), desktop dark. */
const VIEWS = [
  { suffix: "", width: 1280, height: 720, colorScheme: "light", fullPage: true },
  { suffix: "-phone", width: 390, height: 844, colorScheme: "light", fullPage: true },
  { suffix: "-phone-top", width: 390, height: 844, colorScheme: "light", fullPage: false },
  { suffix: "-dark", width: 1280, height: 720, colorScheme: "dark", fullPage: true },
] as const;

/** Saves `test-results/e2e/<name><suffix>.png` for each of VIEWS, then goes back to the desktop light view. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const view of VIEWS) {
    await page.setViewportSize({ width: view.width, height: view.height });
    await page.emulateMedia({ colorScheme: view.colorScheme });
    if (!view.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/e2e/${name}${view.suffix}.png`, fullPage: view.fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}

/** Registers a repository through the form on /repositories and lands on its page. */
async function registerThroughUi(page: Page, url: string): Promise<string> {
  await page.goto("/repositories");
  const form = page.getByRole("form", { name: "Register a repository" });
  await form.getByLabel("Git URL").fill(url);
  await form.getByLabel("Team").fill("Drilldown");
  await form.getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(/\/repositories\/[a-z0-9]+$/);
  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

/** "Scan now", then a second repository's scan requested at once (it queues behind); follows the first to its live page. */
async function scanNowAndFollow(page: Page, request: APIRequestContext, smallRepositoryId: string): Promise<ScanDto> {
  await page.getByRole("button", { name: "Scan now" }).click();
  const follow = page.getByRole("link", { name: "Follow it live" }).first();
  await expect(follow).toBeVisible();
  const queued = (await (await request.post(`/api/repositories/${smallRepositoryId}/scans`, { headers: await csrfHeaders(request) })).json()) as ScanDto;
  await follow.click();
  await expect(page).toHaveURL(/\/scans\/[A-Za-z0-9_-]+$/);
  return queued;
}

/** The queued scan's page: its place in the queue while the other runs, then its result. */
async function expectQueuedThenDone(page: Page, scanId: string): Promise<void> {
  const other = await page.context().newPage();
  await other.goto(`/scans/${scanId}`);
  await expect(other.getByTestId("scan-live")).toContainText("Waiting in the queue");
  await expect(other.getByTestId("queue-position")).toHaveText(/^Next in line · \d+ scans? running$/);
  await other.screenshot({ path: "test-results/e2e/scan-queued.png", fullPage: true });
  await expect(other.getByTestId("scan-live")).toContainText("The scan succeeded.", { timeout: 90_000 });
  await other.close();
}

/**
 * "Scan now" links to the new scan's page, which shows the scan live — running (cloning, then files parsed) — while a
 * second repository's scan, requested meanwhile, waits in the queue behind it; both end with their result.
 */
async function followScansLive(page: Page, request: APIRequestContext, smallRepositoryId: string): Promise<void> {
  const queued = await scanNowAndFollow(page, request, smallRepositoryId);
  const live = page.getByTestId("scan-live");
  await expect(live).toContainText(/Running for \d+:\d\d|Waiting in the queue/);
  const progress = page.getByTestId("scan-progress-text");
  await expect(progress).toContainText(/Parsing files: \d+ of 2505/, { timeout: 30_000 });
  await expect(page.locator(".scan-steps [aria-current=step]")).toHaveText(/Parsing files|Running rules|Storing the snapshot/);
  // The page follows the worker: the count of parsed files grows (or the scan moves past parsing) without a reload.
  const parsed = async () => Number((await progress.textContent({ timeout: 1000 }).catch(() => null))?.match(/Parsing files: (\d+)/)?.[1] ?? Number.POSITIVE_INFINITY);
  const first = await parsed();
  await expect.poll(parsed, { timeout: 30_000 }).toBeGreaterThan(first);
  await page.screenshot({ path: "test-results/e2e/scan-running.png", fullPage: true });
  await expectQueuedThenDone(page, queued.id);
  await expect(live).toContainText("The scan succeeded.", { timeout: 90_000 });
  await expect(page.getByTestId("scan-score")).toHaveText(/^\d+\.\d$/);
  await expect(page.getByTestId("findings-summary")).toHaveText("84 findings · 1 suppressed · the first snapshot: nothing to compare with");
  await screenshots(page, "scan-succeeded");
}

/** The rules of the snapshot, grouped by guide section, each count a link into the explorer filtered by that rule. */
async function openRuleFindings(page: Page, repositoryId: string): Promise<void> {
  await page.getByRole("link", { name: "Open the snapshot" }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repositoryId}\\?snapshot=`));
  const rules = page.getByTestId("rule-results");
  await expect(rules.getByRole("rowheader", { name: /^1\. Core principles/ })).toBeVisible();
  await expect(rules.getByRole("rowheader", { name: /^8\. Security standards/ })).toBeVisible();
  await expect(page.getByTestId("snapshot-section-chart")).toHaveAttribute("aria-label", /^Score per guide section: 1\. Core principles \d/);
  const functionSize = rules.locator('tr[data-rule-id="function-size"]');
  await expect(functionSize).toContainText("[UNIT]");
  await expect(functionSize).toContainText("31 findings");
  await page.locator("#rules").screenshot({ path: "test-results/e2e/repository-rules.png" });
  await functionSize.getByRole("link").click();
  // The open snapshot is the current one, so the link follows the latest snapshot rather than naming it.
  await expect(page).toHaveURL(/\/findings\?rule=function-size$/);
  await expect(page.getByTestId("findings-count")).toHaveText("Showing 1–25 of 31 findings");
  await expect(page.getByLabel("Rule")).toHaveValue("function-size");
}

/** Server-side paging: page 2 in the URL, its count and first finding as the API gives them. */
async function pageThroughFindings(page: Page, request: APIRequestContext, repositoryId: string): Promise<void> {
  await page.goto(`/repositories/${repositoryId}/findings`);
  const all = await findingsApi(request, repositoryId, "");
  await expect(page.getByTestId("findings-count")).toHaveText(`Showing 1–25 of ${all.total} findings`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2$/);
  await expect(page.getByTestId("findings-page")).toHaveText(`Page 2 of ${Math.ceil(all.total / 25)}`);
  await expect(page.getByTestId("findings-count")).toHaveText(`Showing 26–50 of ${all.total} findings`);
  const secondPage = await findingsApi(request, repositoryId, "page=2&pageSize=25");
  await expect(page.locator(".finding").first()).toHaveAttribute("data-finding-id", secondPage.items[0]?.id ?? "");
}

/** Severity and path (each in the URL, back to page 1), suppressed hidden, an empty result and clearing the filters. */
async function filterFindings(page: Page, repositoryId: string): Promise<void> {
  await page.getByRole("checkbox", { name: /error/ }).check();
  await expect(page).toHaveURL(/\?severity=error$/);
  await expect(page.getByTestId("findings-count")).toHaveText("Showing 1–2 of 2 findings");
  await expect(page.locator(".finding .severity")).toHaveText(["● error", "● error"]);

  await page.getByLabel("Path starts with").fill("src/infrastructure/");
  await expect(page).toHaveURL(/\?severity=error&path=src%2Finfrastructure%2F$/);
  await expect(page.locator(".finding-location code")).toHaveText(["src/infrastructure/queries.ts", "src/infrastructure/queries.ts"]);
  await page.getByLabel("Suppressed").selectOption("exclude");
  await expect(page.getByTestId("findings-count")).toHaveText("Showing 1–1 of 1 finding");
  await page.getByLabel("Path starts with").fill("docs/");
  await expect(page.getByText("No findings match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repositoryId}/findings$`));
  await expect(page.getByLabel("Path starts with")).toHaveValue("");
}

/** ↓ and End walk the list's links. */
async function walkFindingsByKeyboard(page: Page): Promise<void> {
  const links = page.locator("a.finding-link");
  await links.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(links.nth(24)).toBeFocused();
  await screenshots(page, "findings-explorer");
}

/** The SQL finding's detail: snippet with its line number as text, file and line, guide section, rule and how to fix it. */
async function openFindingDetail(page: Page, repositoryId: string): Promise<void> {
  await page.goto(`/repositories/${repositoryId}/findings?rule=injection&suppressed=exclude`);
  await page.locator("a.finding-link").first().click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repositoryId}/findings/[A-Za-z0-9_-]+\\?rule=injection&suppressed=exclude$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("SQL");
  await expect(page.getByTestId("finding-file")).toHaveText("src/infrastructure/queries.ts");
  const snippet = page.getByTestId("finding-snippet");
  await expect(snippet.locator(".snippet-number")).toHaveText(["3"]);
  await expect(snippet.locator(".snippet-text")).toHaveText('db.query("SELECT * FROM users WHERE id = " + id)');
  await expect(page.getByTestId("finding-guide")).toContainText("Section 8. Security standards");
  await expect(page.getByTestId("finding-guide")).toContainText("[OWASP] OWASP Top 10 Protection");
  await expect(page.getByTestId("finding-rule")).toContainText("Pass values as query parameters");
  await screenshots(page, "finding-detail");
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Findings" }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repositoryId}/findings\\?rule=injection&suppressed=exclude$`));
  await expect(page.getByTestId("findings-count")).toHaveText("Showing 1–1 of 1 finding");
}

/** A second commit fixes five reports and adds a query built from strings; its snapshot counts new and fixed findings. */
async function scanSecondCommit(page: Page, repo: string, repositoryId: string): Promise<void> {
  writeFileSync(path.join(repo, "src", "infrastructure", "audit.ts"), `import { db } from "./db";\n\n${HOSTILE_SQL}\n`);
  commitFile(repo, "src/application/reports.ts", reports(25, 5), "Drop five reports, add an audit query");
  await page.goto(`/repositories/${repositoryId}`);
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByTestId("score-chart").locator(".snapshot-dot")).toHaveCount(2, { timeout: 90_000 });
  await expect(page.getByTestId("findings-summary")).toContainText(/\d+ new · \d+ fixed since the previous snapshot/);
  await screenshots(page, "repository-drilldown");
}

/** From the summary's "new" link, the explorer lists the new findings, and "fixed" the previous snapshot's gone ones. */
async function newAndFixed(page: Page): Promise<void> {
  await page.getByTestId("findings-summary").getByRole("link", { name: /new$/ }).click();
  await expect(page).toHaveURL(/\/findings\?change=new$/);
  const items = page.locator(".finding");
  await expect(items.filter({ hasText: "src/infrastructure/audit.ts" })).not.toHaveCount(0);
  await expect(page.locator(".finding .badge-new").first()).toBeVisible();
  await page.getByLabel("Fixed since the previous snapshot").check();
  await expect(page).toHaveURL(/\/findings\?change=fixed$/);
  await expect(items.filter({ hasText: "report0 has" })).not.toHaveCount(0);
  await expect(page.locator(".finding .badge-fixed").first()).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/findings-fixed.png", fullPage: true });
}

/** Repository text stays text: the markup in the audit query's snippet shows as characters, no element is made. */
async function expectInertSnippet(page: Page, repositoryId: string): Promise<void> {
  await page.goto(`/repositories/${repositoryId}/findings?rule=injection&path=src/infrastructure/audit.ts`);
  await page.locator("a.finding-link").first().click();
  await expect(page.getByTestId("finding-snippet")).toContainText("<img src=x onerror=alert(1)>");
  await expect(page.getByTestId("finding-snippet").locator("img")).toHaveCount(0);
  await expect(page.getByTestId("finding-history")).toContainText("New since the previous snapshot.");
}

test("a repository scanned through the UI: live scan page, rules by section, findings explorer, finding detail, new and fixed", async ({ page, request }) => {
  test.setTimeout(300_000);
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  const repo = drilldownRepo();
  const small = await request.post("/api/repositories", { data: { url: createFixtureRepo(E2E_REPO_ROOT, "sample"), team: "Drilldown", schedule: null }, headers: await csrfHeaders(request) });
  expect(small.status()).toBe(201);
  const repositoryId = await registerThroughUi(page, repo);

  await followScansLive(page, request, ((await small.json()) as RepositoryDto).id);
  await openRuleFindings(page, repositoryId);
  await pageThroughFindings(page, request, repositoryId);
  await filterFindings(page, repositoryId);
  await walkFindingsByKeyboard(page);
  await openFindingDetail(page, repositoryId);
  await scanSecondCommit(page, repo, repositoryId);
  await newAndFixed(page);
  await expectInertSnippet(page, repositoryId);
  rmSync(repo, { recursive: true, force: true });
});

test("a failed scan's page, opened from the scan history, gives the reason and runs it again", async ({ page, request }) => {
  const repo = createFixtureRepo(E2E_REPO_ROOT, "sample");
  const registered = await request.post("/api/repositories", { data: { url: repo, schedule: null }, headers: await csrfHeaders(request) });
  const repository = (await registered.json()) as RepositoryDto;
  rmSync(repo, { recursive: true, force: true });
  const failed = (await (await request.post(`/api/repositories/${repository.id}/scans`, { headers: await csrfHeaders(request) })).json()) as ScanDto;
  await page.goto(`/repositories/${repository.id}`);
  const row = page.getByTestId("scan-history").locator(`tr[data-scan-id="${failed.id}"]`);
  await expect(row).toContainText("failed", { timeout: 60_000 });
  await row.getByRole("link", { name: /open the scan page/ }).click();
  await expect(page).toHaveURL(new RegExp(`/scans/${failed.id}$`));
  await expect(page.getByTestId("scan-live")).toContainText("The scan failed.");
  await expect(page.getByTestId("scan-failure")).toContainText("Could not clone");
  await screenshots(page, "scan-failed");
  await page.getByRole("button", { name: "Run again" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/scans/${failed.id}$`));
  await expect(page.getByTestId("scan-failure")).toContainText("Could not clone", { timeout: 60_000 });
  await expect(page.getByText("retry", { exact: true })).toBeVisible();
});

test("unknown scans and findings show the not-found page", async ({ page, request }) => {
  for (const url of ["/scans/does-not-exist", "/scans/..%2F..%2Fetc", "/repositories/does-not-exist/findings", "/repositories/does-not-exist/findings/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(url);
    expect([url, response?.status()]).toEqual([url, 404]);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const repositories = (await (await request.get("/api/repositories")).json()) as RepositoryDto[];
  const scanned = repositories.find((repository) => repository.current !== null);
  if (scanned) {
    // A real finding under another repository's address is not found either.
    const other = repositories.find((repository) => repository.id !== scanned.id);
    const { items } = await findingsApi(request, scanned.id, "pageSize=1");
    if (other && items[0]) expect((await page.goto(`/repositories/${other.id}/findings/${items[0].id}`))?.status()).toBe(404);
  }
});
