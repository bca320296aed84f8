import { expect, test as setup } from "@playwright/test";
import { signInThroughPage } from "./auth";
import { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD, E2E_ADMIN_STATE } from "./paths";

// Every spec acts as the first admin unless it signs in as someone else: this signs that admin in once, through the
// sign-in page, and keeps the browser state (session and CSRF cookies) for the specs (playwright.config.ts).
setup("sign in as the first admin", async ({ page }) => {
  const response = await page.goto("/");
  expect(new URL(page.url()).pathname, "a visitor without a session is sent to sign in").toBe("/login");
  expect(response?.status()).toBe(200);
  await signInThroughPage(page, E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("account-menu")).toContainText("Admin");
  await page.context().storageState({ path: E2E_ADMIN_STATE });
});
