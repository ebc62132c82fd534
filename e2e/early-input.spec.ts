import type { Page } from "@playwright/test";
import { expect, fillComplete, openReport, pageAs, submitForReview, test } from "./fixtures";

// What a clerk types in the first moment after the editor appears — the page drawn by the server, its script
// still loading (a slow office PC, a reload) — is kept: shown, saved, and there after a reload.
// Years used by this spec (each spec owns its years; see fixtures.ts): beipo 2025, 2021 (not 2026: the
// demo's draft); xiling 2025 (its register, only looked at).

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);
const saved = (page: Page) =>
  expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

/**
 * Holds back the page's scripts until `release()`: the page is the server's HTML with its styles, not yet
 * interactive. (Not the styles: an inline script waits for the styles before it, as in any browser.)
 */
async function holdScripts(page: Page) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test("typed before the page is interactive: text, header and cells are kept, saved and there after a reload", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "beipo");
  const url = await openReport(page, 2025);
  // the fields hold server text, so the early typing replaces something (a textarea's hydration would reset it)
  await field(page, "text.s5").fill("上一版的问题与改进。");
  await field(page, "text.s6").fill("上一版的其他事项。");
  await page.locator('[data-field="header.signDate"]').fill("2026年1月10日");
  await cell(page, "t2.permit.decisions").fill("1");
  await saved(page);

  const release = await holdScripts(page);
  await page.goto(url, { waitUntil: "commit" });
  // the server's HTML is on screen and the script has not run: nothing is interactive yet
  await expect(field(page, "text.s5")).toHaveValue("上一版的问题与改进。");

  await field(page, "text.s5").fill("一是公开内容不够全面；二是解读回应不及时。");
  await field(page, "text.s6").fill("");
  await field(page, "text.s6").pressSequentially("无其他事项", { delay: 20 }); // key by key, as typed
  await page.locator('[data-field="header.signDate"]').fill("2026年1月20日");
  await page.locator('[data-field="header.organName"]').fill("东山县北坡乡人民政府（早输入）");
  await cell(page, "t2.permit.decisions").fill("9");
  // a button or a choice would do nothing or be undone until then: seen as disabled
  const fillZero = page.locator("#section-s2").getByRole("button", { name: "空白单元格填 0" });
  const notCharged = page.getByRole("radio", { name: "未收取" });
  await expect(fillZero).toBeDisabled();
  await expect(notCharged).toBeDisabled();
  await expect(page.getByTestId("export-pdf")).toBeDisabled();
  // 提交审核 too: the checks have not run yet, and a click would be lost
  await expect(page.getByTestId("submit-button")).toBeDisabled();
  release();

  // interactive now: what was typed is on screen, in the totals, and saved
  await expect(page.getByTestId("save-state")).toBeVisible();
  await saved(page);
  await expect(field(page, "text.s5")).toHaveValue("一是公开内容不够全面；二是解读回应不及时。");
  await expect(field(page, "text.s6")).toHaveValue("无其他事项");
  await expect(page.locator('[data-field="header.signDate"]')).toHaveValue("2026年1月20日");
  await expect(page.locator('[data-field="header.organName"]')).toHaveValue("东山县北坡乡人民政府（早输入）");
  await expect(cell(page, "t2.permit.decisions")).toHaveValue("9");
  await expect(fillZero).toBeEnabled();
  await notCharged.check();
  await expect(page.getByText("报告中将写入：")).toBeVisible();
  await saved(page);

  const fresh = await context.newPage();
  await fresh.goto(url);
  await expect(field(fresh, "text.s5")).toHaveValue("一是公开内容不够全面；二是解读回应不及时。");
  await expect(field(fresh, "text.s6")).toHaveValue("无其他事项");
  await expect(fresh.locator('[data-field="header.signDate"]')).toHaveValue("2026年1月20日");
  await expect(fresh.locator('[data-field="header.organName"]')).toHaveValue("东山县北坡乡人民政府（早输入）");
  await expect(cell(fresh, "t2.permit.decisions")).toHaveValue("9");
  await expect(fresh.getByRole("radio", { name: "未收取" })).toBeChecked();
  await context.close();
});

test("the reviewer's bar, loaded on demand, and a comment's marker are disabled until their script has hydrated them, then answer", async ({ browser }) => {
  const clerk = await pageAs(browser, "beipo");
  const url = await openReport(clerk.page, 2021);
  await fillComplete(clerk.page, 2021);
  await submitForReview(clerk.page);
  await clerk.context.close();

  const { context, page } = await pageAs(browser, "dsshencha");
  const release = await holdScripts(page);
  await page.goto(url, { waitUntil: "commit" });
  // drawn by the server, not yet interactive: seen as disabled, so a click is not silently lost
  await expect(page.getByTestId("review-start")).toBeVisible();
  await expect(page.getByTestId("review-start")).toBeDisabled();
  await expect(page.getByTestId("review-return")).toBeDisabled();
  release();
  await expect(page.getByTestId("review-start")).toBeEnabled();
  await page.getByTestId("review-start").click();
  await expect(page.getByTestId("review-message")).toContainText("已开始审核");
  await expect(page.getByTestId("review-bar")).toContainText("开始审核于");

  // a comment's marker at its cell, drawn by the server: disabled too, until a click on it shows its thread
  await cell(page, "t3.new.natural").click();
  await expect(page.getByTestId("comment-place")).toHaveAttribute("data-anchor", "cell:t3.new.natural");
  await page.getByTestId("add-comment").click();
  await page.getByLabel("批注内容").fill("请核实本年新收申请数。");
  await page.getByTestId("save-comment").click();
  const thread = page.locator('[data-thread][data-anchor="cell:t3.new.natural"]');
  await expect(thread).toContainText("请核实本年新收申请数。");
  const marker = page.locator('[data-testid="comment-marker"][data-anchor="cell:t3.new.natural"]');
  const again = await holdScripts(page);
  await page.goto(url, { waitUntil: "commit" });
  await expect(marker).toBeVisible();
  await expect(marker).toBeDisabled();
  again();
  await marker.click();
  await expect(thread).toHaveClass(/ring-2/);
  await context.close();
});

test("the register's file choice is disabled until the page is interactive, then enabled", async ({ browser }) => {
  // xiling 2025's register: only looked at, nothing imported
  const { context, page } = await pageAs(browser, "xiling");
  const release = await holdScripts(page);
  await page.goto("/register?year=2025", { waitUntil: "commit" });
  const choose = page.getByTestId("register-import").getByLabel("选择台账文件");
  await expect(choose).toBeVisible();
  await expect(choose).toBeDisabled();
  release();
  await expect(choose).toBeEnabled();
  await context.close();
});
