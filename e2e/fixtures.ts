import { test as base, expect, type Browser, type Page } from "@playwright/test";

/** Demo accounts seeded by scripts/seed.ts (see README). */
export const DEMO_PASSWORD = "nianbao2024";
export const ACCOUNTS = {
  chengguan: "示范县城关镇人民政府",
  qingshan: "示范县青山镇人民政府",
  hekou: "示范县河口乡人民政府",
  shencha: "示范县人民政府",
  admin: "示范县人民政府",
} as const;
export type DemoUser = keyof typeof ACCOUNTS;

export async function login(page: Page, username: DemoUser | string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A fresh browser context logged in as `username`. */
export async function pageAs(browser: Browser, username: DemoUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/**
 * Opens (creating it if needed) the report of the logged-in clerk's organ for `year`, and returns its URL.
 * Each spec uses its own year so that specs running in parallel never share a report.
 */
export async function openReport(page: Page, year: number): Promise<string> {
  await page.goto("/reports");
  const link = page.getByRole("link", { name: new RegExp(`${year}年度`) });
  if ((await link.count()) === 0) {
    await page.getByLabel("年度").fill(String(year));
    await page.getByRole("button", { name: "新建报告" }).click();
  } else {
    await link.first().click();
  }
  await page.waitForURL(/\/reports\/[^/]+$/);
  return page.url();
}

export const test = base;
export { expect };
