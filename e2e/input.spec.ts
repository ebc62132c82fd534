import type { Page } from "@playwright/test";
import { expect, fillComplete, openReport, pageAs, pdfText, publishReport, submitForReview, test } from "./fixtures";

// Issue 18, point 9: what clerks type. Years used by this spec (each spec owns its years; see fixtures.ts):
// qingshan 2026 (created by typing 「２０２６」), zhangliang 2026, chengguan 2026.

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);
const saveState = (page: Page) => page.getByTestId("save-state");
/** How often `needle` occurs in `text`, white space ignored (pdftotext breaks lines and spaces CJK). */
const occurrences = (text: string, needle: string) => text.replace(/\s/g, "").split(needle).length - 1;

/** Paste `text` through the system clipboard with Ctrl+V, as a clerk does from a Word file. */
async function pasteFromClipboard(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
}

test("「２０２６」 typed with a Chinese input method in the 年度 box creates the 2026 report", async ({ browser }) => {
  const clerk = await pageAs(browser, "qingshan");
  const c = clerk.page;
  await c.goto("/reports");
  await expect(c.getByRole("link", { name: /2026年度/ })).toHaveCount(0);
  await c.getByLabel("年度").fill("２０２６");
  await c.getByRole("button", { name: "新建报告" }).click();
  await c.waitForURL(/\/reports\/[^/]+$/);
  await expect(c.getByTestId("report-editor").locator("h1")).toContainText("2026年政府信息公开工作年度报告");
  await clerk.context.close();
});

test("numbers are normalised (「007」 → 7, 0.5 万元 kept); 1000000000 行政处罚 at a township is a warning naming cell and value", async ({
  browser,
}) => {
  const clerk = await pageAs(browser, "zhangliang");
  const c = clerk.page;
  await openReport(c, 2026);
  await cell(c, "t2.permit.decisions").fill("007");
  await cell(c, "t2.fee.amount").click(); // leave the cell
  await expect(cell(c, "t2.permit.decisions")).toHaveValue("7");
  await cell(c, "t2.fee.amount").fill("0.5");
  await cell(c, "t2.coercion.decisions").fill("００３");
  await cell(c, "t2.permit.decisions").click();
  await expect(cell(c, "t2.fee.amount")).toHaveValue("0.5");
  await expect(cell(c, "t2.coercion.decisions")).toHaveValue("3");

  await cell(c, "t2.penalty.decisions").fill("1000000000");
  const warning = c.locator('[data-rule="P1"]');
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText("表二「行政处罚」本年处理决定数量");
  await expect(warning).toContainText("1000000000");
  await expect(warning).toContainText("远高于乡镇（街道）通常的数量");
  // the stored value is the normalised one
  await expect(saveState(c)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await c.reload();
  await expect(cell(c, "t2.permit.decisions")).toHaveValue("7");
  await expect(c.locator('[data-rule="P1"]')).toContainText("1000000000");
  await clerk.context.close();
});

test("a sub-section pasted with its own heading prints the heading once: editor note, preview PDF, public page and PDF", async ({
  browser,
  page,
}) => {
  test.setTimeout(150_000);
  const YEAR = 2026;
  const clerk = await pageAs(browser, "chengguan");
  const c = clerk.page;
  await clerk.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const url = await openReport(c, YEAR);
  const id = url.split("/").pop()!;
  await fillComplete(c, YEAR);

  // pasted from last year's Word file: 「（一）主动公开。…」
  const active = field(c, "text.s1.active");
  await active.fill("");
  await active.focus();
  await pasteFromClipboard(c, "（一）主动公开。本年度主动公开政府信息 96 条，涵盖财政预决算等内容。");
  await expect(active).toHaveValue("本年度主动公开政府信息 96 条，涵盖财政预决算等内容。");
  const note = (heading: string) => c.getByTestId("heading-removed").filter({ hasText: `已去掉开头重复的小标题“${heading}”` });
  await expect(note("（一）主动公开")).toBeVisible();
  // typed (or pasted as a block) with the heading on its own line: removed when leaving the field
  const request = field(c, "text.s1.request");
  await request.fill("（二）依申请公开\n依申请公开工作依法依规办理，答复及时。");
  await field(c, "text.s5").click();
  await expect(request).toHaveValue("依申请公开工作依法依规办理，答复及时。");
  await expect(note("（二）依申请公开")).toBeVisible();
  await expect(c.getByTestId("heading-removed")).toHaveCount(2);
  // a sentence that merely starts with the heading's words is left alone
  await field(c, "text.s1.management").fill("（三）政府信息管理方面，健全审查机制。");
  await field(c, "text.s5").click();
  await expect(field(c, "text.s1.management")).toHaveValue("（三）政府信息管理方面，健全审查机制。");
  await expect(c.getByTestId("heading-removed")).toHaveCount(2);
  await expect(saveState(c)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  // the preview and the downloaded PDF print each heading once
  for (const path of ["preview", "pdf"]) {
    const res = await c.request.get(`/reports/${id}/${path}`);
    expect(res.status()).toBe(200);
    const text = pdfText(new Uint8Array(await res.body()));
    expect(occurrences(text, "（一）主动公开"), path).toBe(1);
    expect(occurrences(text, "（二）依申请公开"), path).toBe(1);
    expect(text.replace(/\s/g, "")).toContain("本年度主动公开政府信息96条");
  }

  // reviewed and published: the portal's page and PDF print it once too
  await submitForReview(c);
  await expect(c.getByTestId("report-status")).toHaveText("待审核");
  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  await s.getByTestId("review-approve").click();
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  await publishReport(s);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(200);
  const html = await page.getByTestId("public-report").innerText();
  expect(occurrences(html, "（一）主动公开")).toBe(1);
  expect(occurrences(html, "（二）依申请公开")).toBe(1);
  expect(html).toContain("本年度主动公开政府信息 96 条");
  const pdf = await page.request.get(`/public/reports/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(occurrences(pdfText(new Uint8Array(await pdf.body())), "（一）主动公开")).toBe(1);
  await clerk.context.close();
  await sup.context.close();
});
