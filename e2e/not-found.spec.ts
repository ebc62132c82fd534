// Addresses that match no page, signed out and signed in: the app's own Chinese page (app/not-found.tsx) with the
// way back, status 404, and none of Next's default English 「This page could not be found.」
import type { Page } from "@playwright/test";
import { expect, pageAs, test } from "./fixtures";
import { axe, axeDetails } from "../bench/a11y-pages";

const UNKNOWN = ["/foo", "/public/xyz", "/rollup/xyz", "/admin/audit"];

async function expectNotFound(page: Page, url: string, who: string | null) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  await expect(page.getByText("您访问的地址不存在")).toBeVisible();
  await expect(page.getByRole("link", { name: "返回首页" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("link", { name: "查阅公开年报" })).toHaveAttribute("href", "/public");
  await expect(page.locator("body")).not.toContainText(/could not be found/i);
  await expect(page.locator("body")).not.toContainText("404");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const a11y = await axe(page, `not found: ${url}`, who);
  expect([...a11y.serious, ...a11y.critical], (await axeDetails(page)).join("\n")).toEqual([]);
}

test("unknown addresses, signed out: 页面不存在 in Chinese, 404, links home and to the public reports", async ({ page }) => {
  for (const url of UNKNOWN) await expectNotFound(page, url, null);
  // the links lead somewhere
  await page.getByRole("link", { name: "查阅公开年报" }).click();
  await expect(page).toHaveURL(/\/public$/);
});

test("unknown addresses, signed in as admin: the same page", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  for (const url of UNKNOWN) await expectNotFound(page, url, "admin");
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible(); // home sends a signed-in admin to the start page
  await context.close();
});
