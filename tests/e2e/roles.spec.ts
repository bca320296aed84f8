import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { CreatedApiTokenDto, FindingsPageDto, RepositoryDto, UserDto } from "../../app/_lib/dto";
import { createFixtureRepo } from "../helpers/git-fixture";
import { csrfHeaders, signInThroughPage } from "./auth";
import { E2E_REPO_ROOT } from "./paths";
import { screenshotsForReview } from "./screenshots";

// Each role signs in through the sign-in page and sees what it may see and no more (docs/adr/0014-access-control.md).
// The admin (the setup project's signed-in state) prepares two teams, each with a scanned repository, and the users.
// Runs after the specs that start from an empty database (files run alphabetically on one server).
test.describe.configure({ mode: "serial" });

const PASSWORD = "role e2e passphrase";
const SIGNED_OUT = { cookies: [], origins: [] };

const users = {
  lead: "lead.alpha@heimdall.test",
  memberAlpha: "member.alpha@heimdall.test",
  memberBeta: "member.beta@heimdall.test",
  viewer: "viewer@heimdall.test",
  leaver: "leaver@heimdall.test",
} as const;

interface TeamRepository {
  repository: RepositoryDto;
  findingId: string;
}

let alpha: TeamRepository;
let beta: TeamRepository;

async function post<T>(request: APIRequestContext, url: string, data?: unknown): Promise<T> {
  const response = await request.post(url, { data, headers: await csrfHeaders(request) });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Registers the sample repository in a new team, scans it and returns it with one of its findings. */
async function scannedRepository(request: APIRequestContext, team: string): Promise<TeamRepository> {
  const registered = await post<RepositoryDto>(request, "/api/repositories", { url: createFixtureRepo(E2E_REPO_ROOT, "sample"), team, schedule: null });
  await post(request, `/api/repositories/${registered.id}/scans`);
  await expect
    .poll(async () => ((await (await request.get(`/api/repositories/${registered.id}`)).json()) as RepositoryDto).current?.scanId ?? null, { timeout: 90_000 })
    .not.toBeNull();
  const repository = (await (await request.get(`/api/repositories/${registered.id}`)).json()) as RepositoryDto;
  const findings = (await (await request.get(`/api/repositories/${registered.id}/findings`)).json()) as FindingsPageDto;
  const findingId = findings.items[0]?.id;
  expect(findingId, "the sample repository has a finding").toBeTruthy();
  return { repository, findingId: findingId ?? "" };
}

test.beforeAll(async ({ request }) => {
  alpha = await scannedRepository(request, "Roles Alpha");
  beta = await scannedRepository(request, "Roles Beta");
  await post<UserDto>(request, "/api/users", { email: users.memberAlpha, role: "member", team: alpha.repository.team.slug, password: PASSWORD });
  await post<UserDto>(request, "/api/users", { email: users.memberBeta, role: "member", team: beta.repository.team.slug, password: PASSWORD });
  await post<UserDto>(request, "/api/users", { email: users.viewer, name: "Vera Viewer", role: "viewer", password: PASSWORD });
  await post<UserDto>(request, "/api/users", { email: users.leaver, role: "member", team: beta.repository.team.slug, password: PASSWORD });
});

/** Collects Content-Security-Policy violations the page reports, from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<void>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const store = window as unknown as { cspViolations?: string[] };
    store.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => store.cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => {
    const reported = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    expect([...console, ...reported], "no Content-Security-Policy violation").toEqual([]);
  };
}

/** A browser of its own, signed out: what a person sees who opens Heimdall and signs in as `email`. */
async function signedInPage(browser: Browser, email: string, path = "/login"): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signInThroughPage(page, email, PASSWORD, path);
  return page;
}

const repositoryTabs = (page: Page) => page.getByRole("navigation", { name: "Repository views" }).getByRole("link");
const findingUrl = ({ repository, findingId }: TeamRepository) => `/repositories/${repository.id}/findings/${findingId}`;

/** A finding's page answers 403 with a clear "not allowed" and shows none of the finding. */
async function expectFindingRefused(page: Page, target: TeamRepository): Promise<void> {
  const response = await page.goto(findingUrl(target));
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByTestId("finding-file")).toHaveCount(0);
  expect((await page.request.get(`/api/findings/${target.findingId}`)).status()).toBe(403);
}

test("an admin adds a team lead and disables a user in Admin → Users", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill(users.lead);
  await form.getByLabel("Name").fill("Lea Lead");
  await form.getByLabel("Role", { exact: true }).selectOption("lead");
  await form.getByLabel("Team", { exact: true }).selectOption(alpha.repository.team.slug);
  await form.getByLabel("First password").fill(PASSWORD);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toHaveText(`${users.lead} can sign in now.`);
  const row = page.locator(`[data-testid="user-row"][data-email="${users.lead}"]`);
  await expect(row).toContainText("lead");
  await expect(row).toContainText("Roles Alpha");

  // Disabled: the user's sign-in is refused like a wrong password, and the row says so.
  const leaver = page.locator(`[data-testid="user-row"][data-email="${users.leaver}"]`);
  await leaver.getByRole("button", { name: `Disable ${users.leaver}` }).click();
  await expect(leaver).toContainText("disabled");
  await expect(leaver.getByRole("button", { name: `Enable ${users.leaver}` })).toBeVisible();
  await screenshotsForReview(page, "admin-users");
});

test("a wrong password is refused with a clear message, and repeated failures with the time to wait", async ({ browser }) => {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const cspClean = await watchCsp(page);
  await page.goto("/login");
  await screenshotsForReview(page, "sign-in");
  await page.getByLabel("Email").fill(users.viewer);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login$/);
  // A disabled user is refused with the same words: nothing tells an attacker which accounts exist or are disabled.
  await page.getByLabel("Email").fill(users.leaver);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");

  // Five failures for one email: the next attempt is refused before the password is even checked.
  await page.getByLabel("Email").fill("nobody@heimdall.test");
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    await page.getByLabel("Password").fill(`guess number ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins.");
  await expect(page.getByTestId("sign-in-error")).toContainText(/Try again in (about \d+ minutes|about a minute|\d+ seconds)\./);
  await page.screenshot({ path: "test-results/e2e/sign-in-limited.png", fullPage: true });
  await cspClean();
  await context.close();
});

test("a viewer sees scores, no findings, and a finding's URL says not allowed", async ({ browser }) => {
  // Signed out, a repository's URL leads to the sign-in page and, once signed in, back to the repository.
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const cspClean = await watchCsp(page);
  await page.goto(`/repositories/${alpha.repository.id}`);
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(`/repositories/${alpha.repository.id}`)}`);
  await page.getByLabel("Email").fill(users.viewer);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`/repositories/${alpha.repository.id}`);

  await expect(page.getByTestId("account-menu")).toContainText("Vera Viewer");
  await expect(page.getByTestId("account-menu")).toContainText("Viewer");
  await expect(page.getByTestId("current-score")).toHaveText(/^\d+\.\d$/);
  await expect(repositoryTabs(page)).toHaveText(["Overview"]);
  await expect(page.getByRole("button", { name: "Scan now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Settings" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);

  // The organisation's scores are open to every signed-in user.
  await page.goto("/");
  await expect(page.getByTestId("headline-score")).toHaveText(/^\d+\.\d$/);
  await expect(page.getByTestId("team-ranking")).toContainText("Roles Alpha");

  await expectFindingRefused(page, alpha);
  await screenshotsForReview(page, "not-allowed");
  expect((await page.goto(`/repositories/${beta.repository.id}/findings`))?.status()).toBe(403);
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  expect((await page.request.get("/api/users")).status()).toBe(403);
  await cspClean();
  await context.close();
});

test("a member of one team reads its findings but not another team's", async ({ browser }) => {
  const page = await signedInPage(browser, users.memberBeta);
  const cspClean = await watchCsp(page);
  await expect(page.getByTestId("account-menu")).toContainText("Member of Roles Beta");

  await page.goto(`/repositories/${beta.repository.id}`);
  await expect(repositoryTabs(page)).toHaveText(["Overview", "Findings"]);
  await expect(page.getByRole("button", { name: "Scan now" })).toHaveCount(0);
  await repositoryTabs(page).getByText("Findings").click();
  const list = page.getByTestId("finding-list");
  await expect(list.locator(".finding").first()).toBeVisible();
  await list.locator("a.finding-link").first().click();
  await expect(page.getByTestId("finding-file")).toBeVisible();

  await page.goto(`/repositories/${alpha.repository.id}`);
  await expect(page.getByTestId("current-score")).toHaveText(/^\d+\.\d$/);
  await expect(repositoryTabs(page)).toHaveText(["Overview"]);
  await expectFindingRefused(page, alpha);
  expect((await page.request.get(`/api/repositories/${alpha.repository.id}/findings`)).status()).toBe(403);
  await cspClean();
  await page.context().close();
});

test("a lead scans their own team's repository, not another team's, and manages its API tokens", async ({ browser, playwright, baseURL }) => {
  const page = await signedInPage(browser, users.lead);
  const cspClean = await watchCsp(page);
  await expect(page.getByTestId("account-menu")).toContainText("Lead of Roles Alpha");

  await page.goto(`/repositories/${beta.repository.id}`);
  await expect(page.getByTestId("current-score")).toHaveText(/^\d+\.\d$/);
  await expect(page.getByRole("button", { name: "Scan now" })).toHaveCount(0);
  await expect(repositoryTabs(page)).toHaveText(["Overview"]);

  await page.goto(`/repositories/${alpha.repository.id}`);
  await expect(repositoryTabs(page)).toHaveText(["Overview", "Findings"]);
  await expect(page.getByRole("button", { name: "Backfill" })).toBeVisible();
  const [scan] = await Promise.all([page.waitForResponse((response) => response.url().endsWith(`/api/repositories/${alpha.repository.id}/scans`) && response.request().method() === "POST"), page.getByRole("button", { name: "Scan now" }).click()]);
  expect(scan.status()).toBe(202);

  // API tokens: created for the lead's team with scopes, shown once, usable at once, and dead once revoked.
  await page.getByTestId("account-menu").locator("summary").click();
  await page.screenshot({ path: "test-results/e2e/account-menu.png" });
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  const form = page.getByRole("form", { name: "Create an API token" });
  await expect(form.getByText("Admin token")).toHaveCount(0);
  await form.getByLabel("Name").fill("alpha ci");
  await form.getByRole("checkbox", { name: /read/ }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const created = page.getByTestId("created-token");
  await expect(created).toContainText("shown only this once");
  await expect(created.getByRole("button", { name: "Copy" })).toBeVisible();
  const secret = await page.getByTestId("created-token-value").inputValue();
  expect(secret).toMatch(/^hmd_/);
  await screenshotsForReview(page, "api-token-created");

  const pipeline = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await pipeline.get(`/api/repositories/${alpha.repository.id}/findings`)).status()).toBe(200);
  expect((await pipeline.get(`/api/repositories/${beta.repository.id}/findings`)).status()).toBe(403);

  await created.getByRole("button", { name: "Done, I have copied it" }).click();
  await expect(created).toHaveCount(0);
  const row = page.getByTestId("token-row").filter({ hasText: "alpha ci" });
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(row).not.toContainText(secret);
  await row.getByRole("button", { name: "Revoke alpha ci" }).click();
  await row.getByRole("button", { name: "Revoke now" }).click();
  await expect(row).toContainText("revoked");
  expect((await pipeline.get(`/api/repositories/${alpha.repository.id}/findings`)).status()).toBe(401);
  await pipeline.dispose();
  await cspClean();
  await page.context().close();
});

test("signing out ends the session: back and API calls lead to sign in", async ({ browser, playwright, baseURL }) => {
  const page = await signedInPage(browser, users.memberAlpha);
  await page.goto(`/repositories/${alpha.repository.id}/findings`);
  await expect(page.getByTestId("finding-list")).toBeVisible();
  const { cookies } = await page.context().storageState();

  await page.getByTestId("account-menu").locator("summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect((await page.request.get("/api/auth/session")).status()).toBe(401);

  // The old cookie, replayed, opens nothing: the session row is gone.
  const replay = await playwright.request.newContext({ baseURL, storageState: { cookies, origins: [] } });
  expect((await replay.get(`/api/repositories/${alpha.repository.id}/findings`)).status()).toBe(401);
  const pageResponse = await replay.get(`/repositories/${alpha.repository.id}`, { maxRedirects: 0 });
  expect(pageResponse.status()).toBe(307);
  expect(pageResponse.headers().location).toContain("/login?next=");
  await replay.dispose();
  await page.context().close();
});

test("pages carry a nonce Content-Security-Policy and the security headers; API answers are not stored", async ({ page }) => {
  const cspClean = await watchCsp(page);
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce, headers["content-security-policy"]).toBeTruthy();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Next.js put the nonce on every script tag of the page it sent; the next page view gets another nonce.
  const scriptTags = (await response?.text())?.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  await expect(page.getByTestId("overview")).toBeVisible();
  const again = await page.goto("/rules");
  expect(again?.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await cspClean();

  const api = await page.request.get("/api/auth/session");
  expect(api.status()).toBe(200);
  expect(api.headers()["cache-control"]).toContain("no-store");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
});

test("the admin reads the audit log, filtered by action, and downloads it as CSV", async ({ page }) => {
  await page.goto("/admin/audit");
  const log = page.getByTestId("audit-log");
  await expect(log.getByTestId("audit-row").first()).toBeVisible();
  await page.getByRole("search", { name: "Filter the audit log" }).getByLabel("Action").fill("user.create");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?action=user.create$/);
  const rows = log.getByTestId("audit-row");
  await expect(rows.filter({ hasText: users.lead })).toHaveCount(1);
  await expect(rows.filter({ hasNotText: "user.create" })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.split("\n")[0]).toContain("action");
  expect(csv).toContain(users.viewer);
  expect(csv).not.toContain("token.create");
  await screenshotsForReview(page, "admin-audit");

  // The signed-in admin's own account page: who they are, and the password form.
  await page.goto("/settings");
  await expect(page.getByTestId("account-role")).toHaveText("Admin");
  await expect(page.getByRole("form", { name: "Change your password" })).toBeVisible();
});
