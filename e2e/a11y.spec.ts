/**
 * Accessibility: no serious or critical axe violation on any page in any role and state (the pages of
 * bench/a11y-pages.ts, which bench:a11y measures too), grid cells named for screen readers, errors that
 * name their field, findings announced politely, the public report as real tables, and layouts that
 * hold at 200% zoom. Edits only xiling's reports of 2021 (axe) and 2023 (the rest); reads the other pages.
 */
import { expect, test, type Page } from "@playwright/test";
import { A11Y_PAGES, runPages } from "../bench/a11y-pages";
import { BASE_URL } from "../playwright.config";
import { login, openReport } from "./fixtures";

test.describe.configure({ mode: "parallel" });

// one test per role (they run side by side in the full suite)
for (const user of [...new Set(A11Y_PAGES.map((p) => p.user))]) {
  test(`axe: no serious or critical violation on any page of ${user ?? "the public"}, in every state`, async ({ browser }) => {
    test.setTimeout(240_000);
    const bad: string[] = [];
    await runPages(browser, BASE_URL, A11Y_PAGES.filter((p) => p.user === user), (r) => {
      for (const id of [...r.critical, ...r.serious]) bad.push(`${r.name} (${r.url}): ${id}`);
    });
    expect(bad).toEqual([]);
  });
}

test("the public report is semantic HTML: captioned tables, row and column headers", async ({ page }) => {
  await page.goto("/public");
  await page.locator('a[href^="/public/reports/"]').first().click();
  const t3 = page.getByRole("table", { name: "三、收到和处理政府信息公开申请情况" });
  await expect(t3).toBeVisible();
  await expect(t3.getByRole("rowheader", { name: "一、本年新收政府信息公开申请数量" })).toBeVisible();
  await expect(t3.getByRole("columnheader", { name: "自然人", exact: true })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(3);
  await expect(page.locator("table:not(:has(> caption))")).toHaveCount(0);
});

const CELL = "表三 一、本年新收政府信息公开申请数量 自然人";

/** No page-level horizontal scrolling (tables may scroll in their own box), nothing cut off at the right. */
async function expectReflows(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

// both use xiling's 2023 report: one after the other (the first creates it)
test.describe("xiling 2023", () => {
  test.describe.configure({ mode: "serial" });

  test("screen readers: cells are named by table, row and column; errors name their field; findings are announced", async ({ page }) => {
    await login(page, "xiling");
    await openReport(page, 2023);
    const cell = page.getByRole("textbox", { name: CELL, exact: true });
    await expect(cell).toHaveAttribute("data-cell", "t3.new.natural");
    // the total cells too (announced as computed outputs)
    await expect(page.getByRole("status", { name: "表三 （七）总计 总计", exact: true })).toHaveAttribute("data-cell", "t3.total.total");

    // the live region is polite and says what changed in the checks
    const live = page.getByTestId("findings-live");
    await expect(live).toHaveAttribute("aria-live", "polite");
    await expect(page.locator("[data-finding]").first()).toBeVisible();
    // an error names its cell
    await cell.fill("3件");
    await expect(cell).toHaveAttribute("aria-invalid", "true");
    await expect(cell).toHaveAccessibleDescription(/表三「一、本年新收政府信息公开申请数量」自然人：须为非负整数/);
    // 一 without its results: a new E1, announced; then resolved, announced too
    await cell.fill("3");
    await expect(cell).not.toHaveAttribute("aria-invalid", "true");
    await expect(live).toContainText(/检查结果：\d+ 项错误，\d+ 项警告。新错误：E1 /);
    await cell.fill("");
    await expect(live).toContainText("项已解决");

    // a text field's error names the field
    const date = page.locator('[data-field="header.signDate"]');
    await date.fill("明年一月");
    await expect(date).toHaveAccessibleDescription(/^成文日期“明年一月”无法识别，格式应为“\d{4}年1月20日”/);
    await date.fill("");
  });

  test("the layout holds at 200% zoom (1366×768 at 200% = 683×384 CSS pixels)", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto("/login");
    await expectReflows(page);
    await page.goto("/public");
    await expectReflows(page);
    await page.locator('a[href^="/public/reports/"]').first().click();
    await page.getByTestId("public-report").waitFor();
    await expectReflows(page);
    await login(page, "xiling");
    await expectReflows(page);
    await openReport(page, 2023);
    await page.getByTestId("validation-panel").waitFor();
    await expectReflows(page);
    // the sticky toolbar leaves most of the window to the report
    const bar = await page.locator('[data-testid="report-editor"] > header').boundingBox();
    expect(bar!.height).toBeLessThan(384 / 2);
    // a focused cell is scrolled into view, clear of the toolbar
    const cell = page.getByRole("textbox", { name: CELL, exact: true });
    await cell.focus();
    const box = await cell.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(bar!.height - 1);
    expect(box!.y + box!.height).toBeLessThanOrEqual(384);
    await page.screenshot({ path: test.info().outputPath("editor-200.png") });
    await context.close();

    // the supervisor's dashboard and the register's list keep readable columns: the table scrolls in its box
    // (organ names ran one character a line)
    const sup = await browser.newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 });
    const s = await sup.newPage();
    await login(s, "dsshencha");
    await s.goto("/dashboard");
    const organCell = s.getByTestId("dashboard-table").locator("tbody tr").first().locator("td, th").first();
    expect((await organCell.boundingBox())!.width).toBeGreaterThanOrEqual(6 * 14);
    await expectReflows(s);
    await sup.close();
  });
});
