import { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * The header a cookie-authenticated API request that changes something must carry (docs/adr/0014-access-control.md):
 * the session's CSRF token, read from the readable `heimdall_csrf` cookie of the request context's storage state.
 */
export async function csrfHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const { cookies } = await request.storageState();
  const csrf = cookies.find((cookie) => cookie.name === "heimdall_csrf")?.value;
  expect(csrf, "the request context is signed in (it carries the heimdall_csrf cookie)").toBeTruthy();
  return { "x-csrf-token": decodeURIComponent(csrf ?? "") };
}

/** Signs in through the sign-in page as a person would; the page then shows `next` (the overview by default). */
export async function signInThroughPage(page: Page, email: string, password: string, path = "/login"): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu")).toBeVisible();
}
