import { expect, type Page } from "@playwright/test";

/**
 * Screenshots of the whole page for a person to look at, under test-results/e2e/: `<name>.png` (desktop, light),
 * `<name>-phone.png` (390 px wide, after checking nothing is wider than the phone) and `<name>-dark.png`.
 */
export async function screenshotsForReview(page: Page, name: string): Promise<void> {
  const settle = () => page.waitForTimeout(300); // charts draw once they know their width
  // The pointer left over a chart by an earlier step would leave its tooltip open over whatever lies there after a resize.
  await page.mouse.move(0, 0);
  await settle();
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await settle();
  const tooWide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > 391)
      .slice(-5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `nothing wider than the phone (${tooWide.join(", ")})`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `test-results/e2e/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "dark" });
  await settle();
  await page.screenshot({ path: `test-results/e2e/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
}
