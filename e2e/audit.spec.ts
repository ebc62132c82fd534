import type { Page } from "@playwright/test";
import { expect, pageAs, test } from "./fixtures";

// The county admin reads the audit log: report events (seeded: 张良镇's 2023 report created, saved,
// submitted, approved and published) are listed and filtered; details show words, never codes.
// This spec creates one organ (per-run name) and one failed login of an unknown user; no reports.
const RUN = Date.now().toString(36).slice(-5);

/** Picks the option of a filter select whose text contains `text` (options may be indented). */
async function pick(page: Page, name: string, text: string) {
  const value = await page.locator(`select[name="${name}"] option`, { hasText: text }).first().getAttribute("value");
  if (value === null) throw new Error(`no option ${text} in ${name}`);
  await page.locator(`select[name="${name}"]`).selectOption(value);
}

/** Filters the log through the form, as a person does. */
async function filter(page: Page, f: { action?: string; user?: string; organ?: string; day?: string }) {
  await page.goto("/audit");
  if (f.action) await page.getByLabel("操作").selectOption({ label: f.action });
  if (f.user) await pick(page, "user", f.user);
  if (f.organ) await pick(page, "organ", f.organ);
  if (f.day) {
    await page.getByLabel("开始日期").fill(f.day);
    await page.getByLabel("结束日期").fill(f.day);
  }
  await page.getByRole("button", { name: "筛选" }).click();
  await page.waitForURL(/\/audit\?/);
}

const ZHANGLIANG = "示范县张良镇人民政府";

test("the admin finds 提交报告, 发布报告 and 保存报告 in /audit, by action, user, organ and day", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  const table = page.getByTestId("audit-table");
  const total = page.getByTestId("audit-total");

  for (const [label, action] of [
    ["提交报告", "report.submit"],
    ["发布报告", "report.publish"],
    ["保存报告", "report.save"],
  ] as const) {
    await filter(page, { action: label });
    await expect(total).not.toHaveText(/共 0 条记录/);
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-action", action);
    await expect(table.locator("tbody tr").first()).toContainText(label);
    await expect(table.locator(`tbody tr:not([data-action="${action}"])`)).toHaveCount(0);
    // the seeded report's event, with the organ: filtered by action and organ
    await filter(page, { action: label, organ: ZHANGLIANG });
    await expect(table.locator(`tr[data-action="${action}"]`, { hasText: ZHANGLIANG }).first()).toBeVisible();
  }
  // the seeded publication, its status in words
  await filter(page, { action: "发布报告", organ: ZHANGLIANG });
  const published = table.locator('tr[data-action="report.publish"]', { hasText: `${ZHANGLIANG} 2023年度` });
  await expect(published).toHaveCount(1);
  await expect(published).toContainText("已发布");
  await expect(published).not.toContainText("PUBLISHED");

  // by user: the supervisor approved it
  await filter(page, { action: "审核通过", user: "（shencha）" });
  await expect(table.locator('tr[data-action="report.approve"]', { hasText: `${ZHANGLIANG} 2023年度` })).toHaveCount(1);
  await expect(table.locator("tbody tr", { hasNotText: "shencha" })).toHaveCount(0);

  // by organ, action and day: the China-time day shown in the row itself
  await filter(page, { action: "提交报告", organ: ZHANGLIANG });
  const seeded = table.locator('tr[data-action="report.submit"]', { hasText: `${ZHANGLIANG} 2023年度` });
  const shown = (await seeded.locator("td").first().textContent()) ?? "";
  const day = /^(\d{4})\/(\d{2})\/(\d{2}) \d{2}:\d{2}$/.exec(shown.trim());
  expect(day, shown).not.toBeNull();
  await filter(page, { action: "提交报告", organ: ZHANGLIANG, day: `${day![1]}-${day![2]}-${day![3]}` });
  await expect(seeded).toHaveCount(1);
  await filter(page, { action: "提交报告", organ: ZHANGLIANG, day: "2021-01-01" });
  await expect(total).toHaveText(/共 0 条记录/);
  await expect(page.getByTestId("audit-range")).toHaveCount(0);
  // by part of a name (the box a province's admin gets instead of a 7,000-option select): kept in the form and the pager
  await page.goto("/audit?organq=张良镇&userq=shencha&action=report.approve");
  await expect(page.getByRole("searchbox", { name: "机关" })).toHaveValue("张良镇");
  await expect(page.getByRole("searchbox", { name: "用户" })).toHaveValue("shencha");
  await expect(table.locator('tr[data-action="report.approve"]', { hasText: `${ZHANGLIANG} 2023年度` })).toHaveCount(1);
  await expect(table.locator("tbody tr", { hasNotText: ZHANGLIANG })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "机关" }).fill("没有这个机关");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(total).toHaveText(/共 0 条记录/);
  await expect(page).toHaveURL(/organq=/);
  // a start after the end: said, not a silent empty list
  await page.goto("/audit?from=2025-03-01&to=2025-01-01");
  await expect(page.getByTestId("audit-range")).toHaveText("「开始日期」2025-03-01 晚于「结束日期」2025-01-01，没有记录落在其间：请检查日期。");
  await context.close();
});

test("audit details are in Chinese: organ kinds, roles, login failure reasons", async ({ browser, baseURL }) => {
  const { context, page } = await pageAs(browser, "admin");
  // an organ of kind TOWNSHIP
  await page.goto("/admin/organs");
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
  await page.getByLabel("机关全称").fill(`示范县审计${RUN}乡人民政府`);
  await page.getByLabel("机关简称").fill(`审计${RUN}乡`);
  await page.getByLabel("机关类型").selectOption("TOWNSHIP");
  const county = await page.locator("#organ-parentId option", { hasText: "示范县人民政府" }).first().getAttribute("value");
  await page.selectOption("#organ-parentId", county!);
  await page.getByRole("button", { name: "新建机关" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("已新建机关");
  // a failed login of an unknown username
  const visitor = await browser.newContext();
  const res = await visitor.request.post("/api/auth/sign-in/username", {
    headers: { origin: baseURL!, "content-type": "application/json" },
    data: { username: `nobody${RUN}`, password: "wrong-password" },
  });
  expect(res.status()).toBe(401);
  await visitor.close();

  const table = page.getByTestId("audit-table");
  await page.goto("/audit?action=organ.create");
  const organRow = table.locator("tr", { hasText: `示范县审计${RUN}乡人民政府` });
  await expect(organRow).toContainText("类型乡镇");
  await expect(organRow).toContainText("上级机关示范县人民政府");
  await expect(organRow).not.toContainText("TOWNSHIP");

  await page.goto("/audit?action=auth.login_failed");
  const failed = table.locator("tr", { hasText: `nobody${RUN}` });
  await expect(failed).toContainText("原因用户名或密码错误");
  await expect(failed).not.toContainText("INVALID_USERNAME_OR_PASSWORD");

  // no raw code anywhere on the first page of the log
  await page.goto("/audit");
  const details = await table.locator("dd").allTextContents();
  expect(details.length).toBeGreaterThan(0);
  for (const d of details) expect(d).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(COUNTY|TOWNSHIP|DEPARTMENT|CLERK|SUPERVISOR|ADMIN|DRAFT|SUBMITTED|RETURNED|APPROVED|PUBLISHED)\b/);
  await context.close();
});
