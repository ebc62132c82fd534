/**
 * The pages axe checks, in every role and state (bench/a11y.ts and e2e/a11y.spec.ts share them).
 * Each visit only reads, except that the clerk `xiling` opens (creating if needed) its report of
 * A11Y_YEAR — one of the (user, year) pairs the a11y specs own.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const DEMO_PASSWORD = "nianbao2024";
export const A11Y_YEAR = 2021;

export type A11yPage = {
  /** A short name, e.g. "clerk: editor with findings". */
  name: string;
  /** Who is logged in (null: nobody). */
  user: string | null;
  /** Brings `page` to the state to check. */
  visit: (page: Page, base: string) => Promise<void>;
  /** Part of BENCH_SMOKE=1's short list. */
  smoke?: boolean;
};

export type A11yResult = { name: string; user: string | null; url: string; serious: string[]; critical: string[]; other: string[] };

export async function login(page: Page, base: string, user: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** The clerk's report of `year` (created if missing); returns its URL. */
async function openReport(page: Page, base: string, year: number): Promise<string> {
  await page.goto(`${base}/reports`);
  const link = page.getByRole("link", { name: new RegExp(`${year}年度`) });
  if ((await link.count()) === 0) {
    await page.getByLabel("年度").fill(String(year));
    await page.getByRole("button", { name: "新建报告" }).click();
  } else {
    await link.first().click();
  }
  await page.waitForURL(/\/reports\/[^/]+$/);
  await page.getByTestId("validation-panel").waitFor();
  return page.url();
}

/** The first report link of /reports whose organ matches `organ` (a reviewer's or office's list). */
async function openListed(page: Page, base: string, organ: RegExp) {
  await page.goto(`${base}/reports`);
  const row = page.getByRole("row").filter({ hasText: organ }).first();
  await row.getByRole("link").first().click();
  await page.waitForURL(/\/reports\/[^/]+$/);
  await page.getByTestId("report-editor").waitFor();
}

/** /admin/organs with `rows` (under the organ import's header) chosen in its file field, and the check's answer shown. */
const organImport = (rows: string[], shown: string) => async (page: Page, base: string) => {
  await page.goto(`${base}/admin/organs`);
  await page.locator("#organ-import-file:enabled").waitFor(); // disabled until the page has hydrated
  const csv = ["机关全称,机关简称,机关类型,上级机关,排序", ...rows].join("\r\n");
  await page.locator("#organ-import-file").setInputFiles({ name: "机关.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId(shown).waitFor();
};

/** /admin/users with `rows` (under the account import's header) chosen in its file field, and the check's answer shown. */
const userImport = (rows: string[], shown: string) => async (page: Page, base: string) => {
  await page.goto(`${base}/admin/users`);
  await page.locator("#user-import-file:enabled").waitFor(); // disabled until the page has hydrated
  const csv = ["用户名,姓名,角色,所属机关,初始密码", ...rows].join("\r\n");
  await page.locator("#user-import-file").setInputFiles({ name: "账号.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId(shown).waitFor();
};

const go = (path: string) => async (page: Page, base: string) => {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState("networkidle");
};

export const A11Y_PAGES: readonly A11yPage[] = [
  { name: "login", user: null, visit: go("/login"), smoke: true },
  {
    name: "login with an error",
    user: null,
    visit: async (page, base) => {
      await page.goto(`${base}/login`);
      await page.getByLabel("用户名").fill("a11y-nobody");
      await page.getByLabel("密码").fill("wrong-password");
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("alert").first().waitFor();
    },
  },
  { name: "public portal", user: null, visit: go("/public"), smoke: true },
  {
    name: "public report",
    user: null,
    visit: async (page, base) => {
      await page.goto(`${base}/public`);
      await page.locator('a[href^="/public/reports/"]').first().click();
      await page.waitForURL(/\/public\/reports\/[^/]+$/);
    },
    smoke: true,
  },
  { name: "clerk: report list", user: "xiling", visit: go("/reports") },
  {
    name: "clerk: editor with findings",
    user: "xiling",
    visit: async (page, base) => {
      await openReport(page, base, A11Y_YEAR);
      await page.locator("[data-finding]").first().waitFor();
    },
    smoke: true,
  },
  {
    name: "clerk: editor, a finding revealed",
    user: "xiling",
    visit: async (page, base) => {
      await openReport(page, base, A11Y_YEAR);
      await page.locator("[data-finding] button").first().click();
    },
  },
  {
    name: "clerk: editor, a cell with an error",
    user: "xiling",
    visit: async (page, base) => {
      await openReport(page, base, A11Y_YEAR);
      await page.locator('[data-cell="t3.new.natural"]').fill("3件");
      await page.getByText("表三「一、本年新收政府信息公开申请数量」自然人：").first().waitFor();
    },
  },
  {
    name: "clerk: editor preview",
    user: "xiling",
    visit: async (page, base) => {
      await openReport(page, base, A11Y_YEAR);
      await page.getByRole("button", { name: "预览" }).click();
      await page.locator("[data-testid=preview-page], canvas").first().waitFor({ timeout: 30_000 });
    },
  },
  {
    name: "clerk: history",
    user: "xiling",
    visit: async (page, base) => {
      const url = await openReport(page, base, A11Y_YEAR);
      await page.goto(`${url}/history`);
    },
  },
  { name: "clerk: import", user: "xiling", visit: go("/reports/import") },
  { name: "reviewer: report list", user: "dsshencha", visit: go("/reports") },
  { name: "reviewer: dashboard", user: "dsshencha", visit: go("/dashboard"), smoke: true },
  {
    name: "reviewer: a submitted report",
    user: "dsshencha",
    visit: (page, base) => openListed(page, base, /南湖镇/),
  },
  {
    name: "reviewer: the return dialog",
    user: "dsshencha",
    visit: async (page, base) => {
      await openListed(page, base, /南湖镇/);
      await page.getByRole("button", { name: "退回修改" }).click();
      await page.getByRole("dialog").waitFor();
    },
  },
  {
    name: "reviewer: a published report",
    user: "dsshencha",
    visit: (page, base) => openListed(page, base, /东山镇/),
  },
  { name: "reviewer: roll-up", user: "dsshencha", visit: go("/rollup") },
  { name: "office: roll-up", user: "dsban", visit: go("/rollup") },
  { name: "office: report list", user: "dsban", visit: go("/reports") },
  { name: "city: dashboard", user: "shishencha", visit: go("/dashboard") },
  { name: "city: roll-up", user: "shishencha", visit: go("/rollup") },
  { name: "admin: organs", user: "admin", visit: go("/admin/organs") },
  {
    name: "admin: organ import with problems",
    user: "admin",
    visit: organImport(["示范县无障碍局,无障碍局,某类,示范县人民政府,", ",缺全称,政府部门,示范县人民政府,"], "organ-import-problems"),
  },
  {
    // checked only: nothing is imported
    name: "admin: organ import ready",
    user: "admin",
    visit: organImport(["示范县无障碍局,无障碍局,政府部门,示范县人民政府,", "示范县城关镇人民政府,城关镇,乡镇（街道）,示范县人民政府,"], "organ-import-confirm"),
  },
  {
    name: "admin: account import with problems",
    user: "admin",
    visit: userImport(["chengguan,重名,填报人,示范县城关镇人民政府,", "a11y-x,,科员,示范县不存在镇,short"], "user-import-problems"),
  },
  {
    // checked only: nothing is imported
    name: "admin: account import ready",
    user: "admin",
    visit: userImport(["a11y-ready,无障碍,填报人,示范县城关镇人民政府,"], "user-import-confirm"),
  },
  {
    // one account imported (a new username each run), its generated password shown in the table
    name: "admin: account import passwords",
    user: "admin",
    visit: async (page, base) => {
      await userImport([`a11y${Date.now().toString(36)},无障碍,填报人,示范县城关镇人民政府,`], "user-import-confirm")(page, base);
      await page.getByTestId("user-import-confirm").click();
      await page.getByTestId("user-import-passwords").getByText("查看初始密码").click();
      await page.getByTestId("user-import-password-table").waitFor();
    },
  },
  {
    name: "admin: an organ",
    user: "admin",
    visit: async (page, base) => {
      await page.goto(`${base}/admin/organs`);
      await page.locator('a[href^="/admin/organs/"]').first().click();
      await page.waitForURL(/\/admin\/organs\/[^/]+$/);
    },
  },
  { name: "admin: users", user: "admin", visit: go("/admin/users") },
  {
    name: "admin: a user",
    user: "admin",
    visit: async (page, base) => {
      await page.goto(`${base}/admin/users`);
      await page.locator('a[href^="/admin/users/"]').first().click();
      await page.waitForURL(/\/admin\/users\/[^/]+$/);
    },
  },
  { name: "admin: deadlines", user: "admin", visit: go("/admin/deadlines") },
  { name: "admin: audit log", user: "admin", visit: go("/audit") },
];

/** axe (WCAG 2.x A/AA and best practices) on the page as it is now. */
export async function axe(page: Page, name: string, user: string | null = null): Promise<A11yResult> {
  // after a client-side navigation Next puts the new page's <title> in with its streamed metadata, a moment
  // after the page's content: give it that moment (a page without a title still fails, five seconds on)
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => {});
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const ids = (impact: string) => r.violations.filter((v) => v.impact === impact).map((v) => v.id);
  return {
    name,
    user,
    url: new URL(page.url()).pathname,
    serious: ids("serious"),
    critical: ids("critical"),
    other: r.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical").map((v) => v.id),
  };
}

/** The details of the serious and critical violations (for the log). */
export async function axeDetails(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 2).join(" ")}`));
}

/** Runs `pages` grouped by user, one logged-in context per user. */
export async function runPages(
  browser: Browser,
  base: string,
  pages: readonly A11yPage[],
  onResult: (r: A11yResult, page: Page) => Promise<void> | void,
) {
  const users = [...new Set(pages.map((p) => p.user))];
  for (const user of users) {
    const context: BrowserContext = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    if (user) await login(page, base, user);
    for (const p of pages.filter((x) => x.user === user)) {
      await p.visit(page, base);
      await onResult(await axe(page, p.name, user), page);
    }
    await context.close();
  }
}
