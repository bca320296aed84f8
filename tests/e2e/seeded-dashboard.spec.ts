import { expect, test, type APIRequestContext, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { formatDelta } from "../../app/_lib/dashboard-format";
import type { OverviewDto, RepositoryDto, RulesDto, TeamOverviewDto, TeamRankDto, TeamSummaryDto } from "../../app/_lib/dto";
import { formatScore } from "../../app/_lib/format";
import { createFixtureRepo } from "../helpers/git-fixture";
import { csrfHeaders } from "./auth";
import { seedDemo } from "./demo-seed";
import { E2E_REPO_ROOT } from "./paths";
import { screenshotsForReview } from "./screenshots";

// Runs after the specs that start from an empty database (files run alphabetically on one server): it seeds a small
// demo organisation — 4 teams, 24 repositories, 26 weekly snapshots each — beside what the earlier specs registered,
// and checks each page against the API answer the page itself received.
const SEEDED_TEAMS = ["Payments", "Checkout", "Identity", "Search"];

test.beforeAll(() => {
  const summary = seedDemo({ teams: 4, repositories: 24, weeks: 26 });
  expect(summary).toContain("Wrote 4 teams, 24 repositories");
});

/** Runs `action` and returns the JSON of the GET to `pathname` that it caused (the page's own request). */
async function answerTo<T>(page: Page, pathname: string, action: () => Promise<unknown>): Promise<T> {
  const [response] = await Promise.all([page.waitForResponse((candidate) => new URL(candidate.url()).pathname === pathname && candidate.request().method() === "GET"), action()]);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

/** The page's data for the current filters is on screen (not a placeholder from the previous ones). */
async function expectReady(page: Page, testId: string): Promise<void> {
  await expect(page.getByTestId(testId)).toHaveAttribute("data-ready", "true");
}

/** Every link on the page stays inside Heimdall: a path or a fragment, never `javascript:`, `data:` or another host. */
async function expectOnlyInternalLinks(page: Page): Promise<void> {
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((href) => !/^[/#]/.test(href) || href.startsWith("//"))).toEqual([]);
}

/** The page's team filter (not the registration form's Team field). */
function teamSelect(page: Page): Locator {
  return page.getByRole("search", { name: "Filters" }).getByLabel("Team");
}

function headlineDelta(page: Page): Locator {
  return page.locator(".score-card").getByTestId("delta");
}

async function expectOverviewNumbers(page: Page, overview: OverviewDto): Promise<void> {
  await expect(page.getByTestId("headline-score")).toHaveText(formatScore(overview.score));
  await expect(headlineDelta(page)).toContainText(formatDelta(overview.delta));
  const rows = page.getByTestId("team-ranking").locator("tbody tr");
  await expect(rows).toHaveCount(overview.teams.length);
  for (const [index, team] of overview.teams.entries()) {
    await expect(rows.nth(index).getByRole("rowheader")).toHaveText(team.name);
    await expect(rows.nth(index).getByTestId("team-score")).toContainText(formatScore(team.score));
    await expect(rows.nth(index).getByTestId("delta")).toContainText(formatDelta(team.delta));
  }
  const sections = overview.sections.map((section) => `${section.number}. ${section.title} ${formatScore(section.score)}`).join("; ");
  await expect(page.getByTestId("section-chart")).toHaveAttribute("aria-label", `Guide sections from weakest to strongest: ${sections}`);
  await expect(page.getByTestId("movers-up").locator("li")).toHaveCount(overview.movers.up.length);
  await expect(page.getByTestId("movers-down").locator("li")).toHaveCount(overview.movers.down.length);
  const [up] = overview.movers.up;
  if (up) await expect(page.getByTestId("movers-up").locator("li").first()).toContainText(`${up.name}`);
  await expect(page.getByTestId("attention-total")).toContainText(`${overview.attention.total} repositories`);
  await expect(page.getByTestId("attention").locator("tbody tr")).toHaveCount(Math.min(10, overview.attention.items.length));
}

test("the overview shows the organisation exactly as the API answers it", async ({ page }) => {
  const overview = await answerTo<OverviewDto>(page, "/api/overview", () => page.goto("/"));
  await expectReady(page, "overview");
  expect(overview.teams.map((team) => team.name)).toEqual(expect.arrayContaining(SEEDED_TEAMS));
  expect(overview.attention.total).toBeGreaterThan(0);
  await expectOverviewNumbers(page, overview);
  // A failed repository links to its page by id.
  const failed = overview.attention.items.find((item) => item.reason === "failed");
  if (failed) await expect(page.getByTestId("attention").getByRole("link", { name: failed.name })).toHaveAttribute("href", `/repositories/${failed.id}`);
  if (overview.attention.items.length > 10) {
    await page.getByRole("button", { name: `Show all ${overview.attention.items.length}` }).click();
    await expect(page.getByTestId("attention").locator("tbody tr")).toHaveCount(overview.attention.items.length);
  }
  await expectOnlyInternalLinks(page);
  await screenshotsForReview(page, "dashboard-overview");
});

/** Chooses "1 year": the URL says `range=52w` and the page shows the API's answer for it. */
async function chooseOneYear(page: Page): Promise<OverviewDto> {
  const year = await answerTo<OverviewDto>(page, "/api/overview", () => page.getByRole("radio", { name: "1 year" }).click());
  await expect(page.getByRole("radio", { name: "1 year" })).toBeChecked();
  await expect(page).toHaveURL(/\/\?range=52w$/);
  expect([year.period.range, year.period.weeks]).toEqual(["52w", 53]);
  await expectReady(page, "overview");
  await expect(page.getByTestId("headline-score")).toHaveText(formatScore(year.score));
  await expect(page.getByText("Guide compliance over the last year")).toBeVisible();
  return year;
}

/** Chooses a team: the URL adds `team=`, and the overview narrows to it. */
async function chooseTeam(page: Page, team: TeamRankDto): Promise<OverviewDto> {
  const narrowed = await answerTo<OverviewDto>(page, "/api/overview", () => teamSelect(page).selectOption(team.slug));
  await expect(page).toHaveURL(new RegExp(`/\\?range=52w&team=${team.slug}$`));
  expect(narrowed.team?.slug).toBe(team.slug);
  await expectReady(page, "overview");
  await expect(page.getByTestId("headline-score")).toHaveText(formatScore(narrowed.score));
  await expect(page.getByText(`Narrowed to ${team.name}.`)).toBeVisible();
  return narrowed;
}

/** The same view after a reload, and in another tab opened on the same link. */
async function expectSameViewElsewhere(page: Page, context: BrowserContext, team: TeamRankDto, narrowed: OverviewDto): Promise<void> {
  await page.reload();
  for (const view of [page, await context.newPage()]) {
    if (view !== page) await view.goto(page.url());
    await expectReady(view, "overview");
    await expect(view.getByRole("radio", { name: "1 year" })).toBeChecked();
    await expect(teamSelect(view)).toHaveValue(team.slug);
    await expect(view.getByTestId("headline-score")).toHaveText(formatScore(narrowed.score));
  }
}

test("the time range and the team filter live in the URL: they survive a reload, a shared link and Back", async ({ page, context }) => {
  await page.goto("/");
  await expectReady(page, "overview");
  const year = await chooseOneYear(page);
  const team = year.teams.find((candidate) => candidate.name === "Identity");
  if (!team) throw new Error("the seeded team Identity is missing");
  const narrowed = await chooseTeam(page, team);
  await expectSameViewElsewhere(page, context, team, narrowed);
  // Back undoes the team filter, keeping the range.
  await page.goBack();
  await expect(page).toHaveURL(/\/\?range=52w$/);
  await expect(teamSelect(page)).toHaveValue("");
  await expect(page.getByTestId("team-ranking").locator("tbody tr")).toHaveCount(year.teams.length);
});

test("a custom period goes into the URL as from and to", async ({ page }) => {
  await page.goto("/");
  await expectReady(page, "overview");
  await page.getByRole("radio", { name: "Custom" }).click();
  const today = new Date();
  const from = new Date(today.getTime() - 8 * 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("To", { exact: true }).fill(today.toISOString().slice(0, 10));
  const custom = await answerTo<OverviewDto>(page, "/api/overview", () => page.getByRole("button", { name: "Apply" }).click());
  await expect(page).toHaveURL(new RegExp(`/\\?from=${from}&to=${today.toISOString().slice(0, 10)}$`));
  expect(custom.period.range).toBeNull();
  expect(custom.trend.length).toBeGreaterThanOrEqual(8);
  await expect(page.getByText(`Guide compliance over ${from} – `)).toBeVisible();
  await expectReady(page, "overview");
  await expect(page.getByTestId("headline-score")).toHaveText(formatScore(custom.score));
});

test("malformed filters get a clear message and a way back, never a crash", async ({ page }) => {
  await page.goto("/?range=7x&team=Not%20A%20Team");
  const problems = page.getByTestId("filter-problems");
  await expect(problems).toContainText("The time range “7x” is not one of 12w, 26w, 52w, 104w.");
  await expect(problems).toContainText("The team “Not A Team” is not a team’s short name");
  await problems.getByRole("link", { name: "Show this page with the default filters" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectReady(page, "overview");

  // Well-formed, but refused by the server (too long) or naming no team: the server's reason, and the way back.
  await page.goto("/?from=2000-01-03");
  await expect(page.getByTestId("load-failed")).toContainText("at most 156 are allowed");
  await page.goto("/rules?team=no-such-team");
  await expect(page.getByTestId("load-failed")).toContainText('Team "no-such-team" does not exist.');
  await page.getByTestId("load-failed").getByRole("link", { name: "Show this page with the default filters" }).click();
  await expect(page).toHaveURL(/\/rules$/);
  await expectReady(page, "rules");
  await page.goto("/teams/checkout?range=1y");
  await expect(page.getByTestId("filter-problems")).toContainText("“1y”");
});

async function expectTeamNumbers(page: Page, team: TeamOverviewDto): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(team.team.name);
  await expect(page.getByTestId("headline-score")).toHaveText(formatScore(team.score));
  await expect(headlineDelta(page)).toContainText(formatDelta(team.delta));
  const rows = page.getByTestId("team-repositories").locator("tbody tr");
  await expect(rows).toHaveCount(team.repositories.length);
  // Sorted by score, lowest first.
  const weakest = [...team.repositories].filter((repository) => repository.score !== null).sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || a.name.localeCompare(b.name))[0];
  if (weakest) {
    await expect(rows.first().getByRole("rowheader")).toHaveText(weakest.name);
    await expect(rows.first().getByTestId("repository-score")).toContainText(formatScore(weakest.score));
  }
  const violated = page.getByTestId("violated-rules").locator("tbody tr");
  await expect(violated).toHaveCount(team.mostViolatedRules.length);
  const [top] = team.mostViolatedRules;
  if (top) await expect(violated.first()).toContainText(top.ruleId);
  await expect(page.getByTestId("suppressions-chart")).toHaveAttribute("aria-label", new RegExp(`${team.suppressions.at(-1)?.suppressed} suppressed`));
}

/** Each toggle shows or hides its line; the overall line and three weakest sections are shown at first. */
async function expectSwitchableLines(page: Page, team: TeamOverviewDto): Promise<void> {
  const chart = page.getByTestId("team-trend");
  const lines = chart.locator(".recharts-line");
  await expect(chart.getByRole("button", { name: "Overall" })).toHaveAttribute("aria-pressed", "true");
  await expect(chart.locator('button[aria-pressed="true"]')).toHaveCount(Math.min(4, team.sections.length + 1));
  await expect(lines).toHaveCount(Math.min(4, team.sections.length + 1));
  const name = (await chart.locator('button[aria-pressed="false"]').first().textContent()) ?? "";
  const hidden = chart.getByRole("button", { name, exact: true });
  await hidden.click();
  await expect(hidden).toHaveAttribute("aria-pressed", "true");
  await expect(lines).toHaveCount(Math.min(5, team.sections.length + 1));
  await chart.getByRole("button", { name: "Overall" }).click();
  await expect(lines).toHaveCount(Math.min(4, team.sections.length));
}

test("a team's page: trend by section, repositories, most violated rules, suppressions", async ({ page }) => {
  await page.goto("/?range=12w");
  await expectReady(page, "overview");
  const link = page.getByTestId("team-ranking").getByRole("link", { name: "Checkout", exact: true });
  const team = await answerTo<TeamOverviewDto>(page, "/api/teams/checkout/overview", () => link.click());
  await expect(page).toHaveURL(/\/teams\/checkout\?range=12w$/);
  expect(team.period.range).toBe("12w");
  await expectReady(page, "team");
  await expectTeamNumbers(page, team);
  await expectSwitchableLines(page, team);
  await page.getByRole("button", { name: "Score" }).click();
  await expect(page.getByRole("columnheader", { name: /Score/ })).toHaveAttribute("aria-sort", "descending");
  await expectOnlyInternalLinks(page);
  await screenshotsForReview(page, "dashboard-team");

  // The team select moves to another team's page, keeping the period.
  await teamSelect(page).selectOption("identity");
  await expect(page).toHaveURL(/\/teams\/identity\?range=12w$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Identity");
});

test("an unknown team is the not-found page", async ({ page }) => {
  for (const path of ["/teams/no-such-team", "/teams/Not%20A%20Slug"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

async function expectRuleRows(page: Page, rules: RulesDto): Promise<void> {
  await expect(page.locator("tr.rule-row")).toHaveCount(rules.rules.length);
  for (const rule of rules.rules.slice(0, 8)) {
    const row = page.locator(`tr[data-rule="${rule.ruleId}"]`);
    await expect(row).toContainText(rule.guideTags.map((tag) => `[${tag}]`).join(" "));
    await expect(row.getByTestId("rule-average")).toContainText(formatScore(rule.averageScore));
    if (rule.repositories.judged > 0) await expect(row.getByTestId("rule-passing")).toContainText(`${rule.repositories.passing} of ${rule.repositories.judged}`);
  }
  await expect(page.getByTestId("guide-tags").locator("li")).toHaveCount(rules.tags.length);
}

test("the rules page lists every rule with its tags, weight and compliance as the API answers", async ({ page }) => {
  const rules = await answerTo<RulesDto>(page, "/api/rules", () => page.goto("/rules"));
  await expectReady(page, "rules");
  await expectRuleRows(page, rules);
  await page.getByLabel("Order").selectOption("weakest");
  const weakest = [...rules.rules].filter((rule) => rule.averageScore !== null).sort((a, b) => (a.averageScore ?? 0) - (b.averageScore ?? 0))[0];
  await expect(page.locator("tr.rule-row").first()).toHaveAttribute("data-rule", weakest?.ruleId ?? "");
  await expectOnlyInternalLinks(page);
  await screenshotsForReview(page, "dashboard-rules");

  const narrowed = await answerTo<RulesDto>(page, "/api/rules", () => teamSelect(page).selectOption("search"));
  await expect(page).toHaveURL(/\/rules\?team=search$/);
  expect(narrowed.team?.name).toBe("Search");
  await expect(page.getByTestId("rules-summary")).toContainText(`${narrowed.rules.length} rules for Search`);
});

test("a most violated rule links to its row in the catalogue", async ({ page }) => {
  await page.goto("/teams/payments");
  await expectReady(page, "team");
  const first = page.getByTestId("violated-rules").getByRole("link").first();
  const ruleId = (await first.textContent()) ?? "";
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/rules#rule-${ruleId}$`));
  await expect(page.locator(`#rule-${ruleId}`)).toBeInViewport();
});

/** Tab moves the focus to `locator`, which shows a visible outline. */
async function tabTo(page: Page, locator: Locator, outlined: Locator = locator): Promise<void> {
  await page.keyboard.press("Tab");
  await expect(locator).toBeFocused();
  await expect(outlined).toHaveCSS("outline-style", "solid");
}

/**
 * From the top of the overview: skip link, brand, the three links, the Teams menu, and into it to the first team's page
 * (teams by name, as `GET /api/teams` lists them: other specs' teams may sort before the seeded ones). Returns its slug.
 */
async function tabThroughNavigation(page: Page): Promise<string> {
  const [first] = (await (await page.request.get("/api/teams")).json()) as TeamSummaryDto[];
  expect(first, "some team exists").toBeTruthy();
  await page.keyboard.press("Tab"); // the skip link
  const nav = page.getByRole("navigation", { name: "Main" });
  await tabTo(page, nav.getByRole("link", { name: "Heimdall" }));
  await tabTo(page, nav.getByRole("link", { name: "Overview" }));
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await tabTo(page, nav.getByRole("link", { name: "Repositories" }));
  await tabTo(page, nav.getByRole("link", { name: "Rules" }));
  await tabTo(page, nav.locator("summary", { hasText: "Teams" }));
  await page.keyboard.press("Enter");
  await tabTo(page, nav.locator(".nav-menu-list a").first());
  await expect(page.locator(":focus")).toContainText(first?.name ?? "");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/teams/${first?.slug}`);
  await expectReady(page, "team");
  return first?.slug ?? "";
}

test("the dashboard works from the keyboard, with a visible focus", async ({ page }) => {
  await page.goto("/");
  await expectReady(page, "overview");
  await tabTo(page, page.getByRole("link", { name: "Skip to content" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  await page.goto("/");
  await expectReady(page, "overview");
  const slug = await tabThroughNavigation(page);
  // The period is a radio group: the arrow keys change it.
  await page.getByRole("radio", { name: "26 weeks" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "1 year" })).toBeChecked();
  await expect(page).toHaveURL(`/teams/${slug}?range=52w`);
  await expectReady(page, "team");
  // The trend's line toggles are buttons: Space switches one.
  const toggle = page.getByTestId("team-trend").getByRole("button", { name: "Overall" });
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
});

/** Registers a local repository whose name and team would be markup if they were ever rendered as HTML. */
async function registerHostile(request: APIRequestContext, name: string, teamName: string): Promise<RepositoryDto> {
  const response = await request.post("/api/repositories", { data: { url: createFixtureRepo(E2E_REPO_ROOT, "sample"), name, team: teamName, schedule: null }, headers: await csrfHeaders(request) });
  expect(response.status(), await response.text()).toBe(201);
  const repository = (await response.json()) as RepositoryDto;
  expect(repository.team.slug).toMatch(/^hostile-script-team-\d+$/);
  return repository;
}

test("repository text stays text: a hostile name and team are shown as typed", async ({ page, request }) => {
  const name = `<img src=x onerror="window.__pwned=1">`;
  const teamName = `Hostile "<script>" Team ${Date.now()}`;
  const repository = await registerHostile(request, name, teamName);
  await page.goto(`/repositories?team=${repository.team.slug}`);
  const list = page.getByTestId("repository-list");
  await expect(list.getByRole("link", { name })).toHaveAttribute("href", `/repositories/${repository.id}`);
  await expect(list.locator("img")).toHaveCount(0);
  await page.goto(`/teams/${repository.team.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(teamName);
  await expect(page.getByTestId("team-repositories").getByRole("link", { name })).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("the repository list filters by team through the URL", async ({ page, request }) => {
  const seeded = (await (await request.get("/api/repositories?team=payments")).json()) as RepositoryDto[];
  await page.goto("/repositories?team=payments");
  await expect(page.getByTestId("repository-list").locator("tbody tr")).toHaveCount(seeded.length);
  await expect(teamSelect(page)).toHaveValue("payments");
  await page.goto("/repositories?team=Bad%20Slug");
  await expect(page.getByTestId("filter-problems")).toBeVisible();
});
