import { expect, test } from "@playwright/test";
import { commitFile, createFixtureRepo } from "../helpers/git-fixture";
import { E2E_REPO_ROOT } from "./paths";

test("register a repository, scan it, and see its score on the chart", async ({ page }) => {
  const repo = createFixtureRepo(E2E_REPO_ROOT, "sample");

  // A fresh install: the overview says what to do first and links to the registration form.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome to Heimdall" })).toBeVisible();
  await page.getByRole("link", { name: "Register a repository" }).click();
  await expect(page.getByRole("heading", { name: "Repositories" })).toBeVisible();
  await expect(page.getByText("No repositories yet")).toBeVisible();

  await page.getByLabel("Git URL").fill(repo);
  await page.getByRole("form", { name: "Register a repository" }).getByLabel("Team").fill("Checkout Team");
  await page.getByRole("button", { name: "Register" }).click();

  await expect(page).toHaveURL(/\/repositories\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^sample-/);
  await expect(page.getByText("Not scanned yet.")).toBeVisible();
  await expect(page.getByText("No snapshots yet")).toBeVisible();

  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByTestId("current-score")).toHaveText("62.6", { timeout: 60_000 });
  await expect(page.getByTestId("scan-status")).toContainText("succeeded");
  const chart = page.getByTestId("score-chart");
  await expect(chart.locator(".snapshot-dot")).toHaveCount(1);
  await expect(chart).toHaveAttribute("aria-label", "Score history, 1 snapshot(s)");
  const rules = page.getByTestId("rule-results");
  await expect(rules.getByRole("row", { name: /function-size/ })).toContainText("[UNIT]");
  await expect(rules.getByRole("row", { name: /function-size/ })).toContainText("80.0");
  await expect(rules.getByRole("row", { name: /function-size/ })).toContainText("1 finding");
  await expect(rules.getByRole("row", { name: /duplication/ })).toContainText("[DRY]");
  await expect(rules.getByRole("row", { name: /duplication/ })).toContainText("0 findings");
  await expect(rules.getByRole("row", { name: /coverage/ })).toContainText("[COV]");
  // Scanning the same commit again stores no second snapshot; a new commit adds a second point to the chart.
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(page.getByTestId("scan-status")).toContainText("succeeded", { timeout: 60_000 });
  await expect(chart).toHaveAttribute("aria-label", "Score history, 1 snapshot(s)");
  commitFile(repo, "src/domain/discount.ts", "/** Ten percent off, in cents. */\nexport const discount = (cents: number): number => Math.round(cents * 0.9);\n", "Add a discount");
  await page.getByRole("button", { name: "Scan now" }).click();
  await expect(chart.locator(".snapshot-dot")).toHaveCount(2, { timeout: 60_000 });
  await page.screenshot({ path: "test-results/e2e/repository.png", fullPage: true });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Repositories" }).click();
  const row = page.getByRole("row", { name: /sample-/ });
  await expect(row).toContainText("Checkout Team");
  // The list shows the current snapshot, the second commit's: 63.2.
  await expect(row).toContainText("63.2");
  await expect(row.getByTitle("Score 63.2 / 100")).toHaveText("D");
});

test("an unsupported URL is refused with the server's reason and nothing is registered", async ({ page }) => {
  await page.goto("/repositories");
  await page.getByLabel("Git URL").fill("ext::sh -c id");
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("form", { name: "Register a repository" }).getByRole("alert")).toHaveText("git transport helpers (such as ext:: and fd::) are not allowed.");
  await expect(page).toHaveURL(/\/repositories$/);
  await expect(page.getByRole("row", { name: /ext::/ })).toHaveCount(0);
});

test("an unknown repository shows a not-found page", async ({ page }) => {
  const response = await page.goto("/repositories/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
