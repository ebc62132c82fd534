import type { Page } from "@playwright/test";
import { expect, fillComplete, openReport, pageAs, publishReport, submitForReview, test } from "./fixtures";

// Years used by this spec (each spec owns its years; see fixtures.ts): qingshan 2022, 2023, 2024, 2025.

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);
const saveState = (page: Page) => page.getByTestId("save-state");
const status = (page: Page) => page.getByTestId("report-status");
const thread = (page: Page, anchor: string) => page.locator(`[data-thread][data-anchor="${anchor}"]`);
const marker = (page: Page, anchor: string) => page.locator(`[data-testid="comment-marker"][data-anchor="${anchor}"]`);


/** Click a place of the (read-only) report and comment on it from the comments panel. */
async function commentOn(page: Page, ref: string, anchor: string, body: string) {
  await cell(page, ref).click();
  await expect(page.getByTestId("comment-place")).toHaveAttribute("data-anchor", anchor);
  await page.getByTestId("add-comment").click();
  await page.getByLabel("批注内容").fill(body);
  await page.getByTestId("save-comment").click();
  await expect(thread(page, anchor)).toContainText(body);
}

test("full review cycle: submit, comment, return, fix, reply, resubmit, compare, approve, publish", async ({ browser }) => {
  test.setTimeout(120_000); // a long walk: on a busy machine it takes more than the default minute
  const YEAR = 2025;
  const clerk = await pageAs(browser, "qingshan");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  await fillComplete(c, YEAR);
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");
  await expect(c.getByTestId("clerk-hint")).toContainText("审核开始前可以撤回");
  await expect(c.getByTestId("withdraw-button")).toBeVisible();
  // read-only for the clerk now
  await expect(cell(c, "t3.new.natural")).toHaveAttribute("readonly", "");
  await expect(saveState(c)).toHaveAttribute("data-state", "readonly");

  // the supervisor opens it and comments on two cells from the read-only view (the first comment starts the review)
  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  // read-only for the reviewer: no hints on how to fill in the fields
  await expect(s.locator('[data-field="header.opening"]')).toHaveAttribute("readonly", "");
  await expect(s.getByText("请填写门户网站名称、联系地址和电话。")).toHaveCount(0);
  await expect(s.getByText("如“2024年1月19日”，不编虚位")).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("待审核");
  await expect(s.getByTestId("changes-summary")).toContainText("首次提交");
  await commentOn(s, "t3.new.natural", "cell:t3.new.natural", "本年新收申请为 0，与登记台账不符，请核实。");
  await commentOn(s, "t2.permit.decisions", "cell:t2.permit.decisions", "行政许可决定数请与审批系统核对。");
  await expect(s.getByTestId("unresolved-count")).toHaveText("2 条未解决");
  await expect(marker(s, "cell:t3.new.natural")).toHaveAttribute("data-open", "1");

  // the clerk can no longer withdraw
  await c.reload();
  await expect(c.getByTestId("withdraw-button")).toHaveCount(0);
  await expect(c.getByTestId("clerk-hint")).toContainText("审核人已开始审核");

  // return: a comment is required
  await s.getByTestId("review-return").click();
  const dialog = s.getByTestId("return-dialog");
  await dialog.getByTestId("confirm-return").click();
  await expect(dialog).toContainText("请填写退回意见");
  await dialog.getByLabel("退回意见（必填）").fill("表二、表三的数字请逐项核实后重新提交。");
  await dialog.getByTestId("confirm-return").click();
  await expect(dialog).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("已退回");
  await expect(s.getByTestId("review-approve")).toBeDisabled();
  // the reviewer's own return: its button says the state, not that it was pressed twice
  await expect(s.getByTestId("review-return")).toHaveAttribute("title", "该报告已退回。");

  // the clerk sees the return comment prominently and the comments at the cells
  await c.reload();
  await expect(status(c)).toHaveText("已退回");
  await expect(c.getByTestId("return-comment")).toHaveText("表二、表三的数字请逐项核实后重新提交。");
  await expect(marker(c, "cell:t3.new.natural")).toHaveAttribute("data-open", "1");
  await expect(marker(c, "cell:t2.permit.decisions")).toBeVisible();
  await marker(c, "cell:t3.new.natural").click();
  await expect(thread(c, "cell:t3.new.natural")).toHaveClass(/ring-2/);
  // clicking the thread's place focuses the cell
  await thread(c, "cell:t3.new.natural").getByTestId("thread-anchor").click();
  await expect.poll(() => c.evaluate(() => document.activeElement?.getAttribute("data-cell"))).toBe("t3.new.natural");

  // fix the cells (2 received, 2 published), reply and resolve
  await cell(c, "t3.new.natural").fill("2");
  await cell(c, "t3.open.natural").fill("2");
  await cell(c, "t2.permit.decisions").fill("3");
  const t = thread(c, "cell:t3.new.natural");
  await t.getByRole("button", { name: "回复" }).click();
  await t.getByLabel("回复内容").fill("已核实，本年新收 2 件，均予以公开。");
  await t.getByRole("button", { name: "发送回复" }).click();
  await expect(t.getByTestId("reply-body")).toHaveText("已核实，本年新收 2 件，均予以公开。");
  await t.getByRole("button", { name: "标记为已解决" }).click();
  await expect(t).toHaveAttribute("data-resolved", "true");
  await expect(c.getByTestId("unresolved-count")).toHaveText("2 条未解决"); // the other cell's and the return comment
  await expect(c.getByTestId("error-count")).toHaveText("0 项错误");
  await expect(saveState(c)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  // the confirmation reminds of the comments still open (said, not refused)
  await c.getByTestId("submit-button").click();
  await expect(c.getByTestId("unresolved-comments")).toHaveText("还有 2 条批注未标记为已解决：已按意见修改的，可先取消，在「批注」中回复并标记为已解决。");
  await c.getByTestId("submit-confirm").getByRole("button", { name: "取消" }).click();
  await expect(c.getByTestId("submit-confirm")).toHaveCount(0);
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // the supervisor sees what changed since the previous submission
  await s.reload();
  const summary = s.getByTestId("changes-summary");
  await expect(summary).toContainText("第 1 次 → 第 2 次提交");
  await expect(summary).toContainText("表格 3 个单元格");
  await expect(summary.locator('[data-change="t3.new.natural"]')).toContainText("0→2");
  await expect(thread(s, "cell:t3.new.natural").getByTestId("reply-body")).toHaveText("已核实，本年新收 2 件，均予以公开。");
  await summary.getByTestId("history-link").click();
  await s.waitForURL(/\/history$/);
  await expect(s.locator('[data-seq="1"] [data-testid="outcome"]')).toHaveText("已退回");
  await expect(s.locator('[data-seq="2"] [data-testid="outcome"]')).toHaveText("待审核");
  const changed = s.locator('[data-cell-diff="t3.new.natural"]');
  await expect(changed).toHaveAttribute("data-changed", "true");
  await expect(changed).toContainText("2");
  await expect(s.locator('[data-cell-diff="t3.new.commercial"]')).not.toHaveAttribute("data-changed", "true");
  // the totals that changed with it are marked too (lighter: computed, not typed)
  await expect(s.locator('[data-cell-diff="t3.new.total"]')).toHaveAttribute("data-changed", "total");
  await expect(s.locator('[data-cell-diff="t3.new.total"]')).toContainText("→");
  await s.goBack();

  // two comments are still open: approving asks first; going back changes nothing
  await s.getByTestId("review-approve").click();
  const confirm = s.getByTestId("approve-confirm");
  await expect(confirm).toContainText("还有 2 条批注未标记为已解决");
  await confirm.getByRole("button", { name: "返回查看批注" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("待审核");
  await s.getByTestId("review-approve").click();
  await s.getByTestId("confirm-approve").click();
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  await expect(s.getByTestId("review-message")).toContainText("已审核通过");
  await publishReport(s);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");
  await expect(s.getByTestId("review-publish")).toBeDisabled();
  await expect(s.getByTestId("review-publish")).toHaveAttribute("title", "该报告已发布。");

  await c.reload();
  await expect(status(c)).toHaveText("已发布");
  await expect(c.getByTestId("clerk-hint")).toHaveText("报告已发布。");
  await clerk.context.close();
  await sup.context.close();
});

test("withdraw before the review starts; edits on a submitted report are refused; a second reviewer tab learns of the approval", async ({ browser }) => {
  test.setTimeout(120_000); // three people, four pages, two submissions: over a minute on a busy 2-core machine
  const YEAR = 2024;
  const clerk = await pageAs(browser, "qingshan");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  await fillComplete(c, YEAR);
  // a second tab still shows the editable draft; it is in the background, so it does not poll (see
  // report-editor.tsx) and still thinks it editable when the clerk types in it after the submission — without
  // this, on a busy machine its poll could learn of the submission first and the edit would never be sent
  const stale = await clerk.context.newPage();
  await stale.goto(url);
  await expect(saveState(stale)).toHaveAttribute("data-state", "saved");
  await stale.evaluate(() => Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" }));

  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // an edit from the stale tab is refused by the server, and the text is kept locally
  await field(stale, "text.s6").fill("提交后偷偷修改");
  await expect(saveState(stale)).toHaveAttribute("data-state", "error", { timeout: 15_000 });
  await expect(saveState(stale)).toContainText("该报告当前状态为“待审核”，不能修改");
  await stale.close();
  await c.reload();
  await expect(field(c, "text.s6")).toHaveValue("无其他需要报告的事项。");
  await expect(field(c, "text.s6")).toHaveAttribute("readonly", "");
  // the refused text is not out of sight: this browser keeps it, and the read-only page shows it
  await expect(c.getByTestId("lost-edits")).toContainText("提交后偷偷修改");

  // withdraw while the review has not started: back to an editable draft
  await c.getByTestId("withdraw-button").click();
  await expect(status(c)).toHaveText("草稿");
  // editable again: the refused edit of the other tab is offered from the local backup; discard it
  const restore = c.getByTestId("restore-dialog");
  await expect(restore).toContainText("提交后偷偷修改");
  await restore.getByRole("button", { name: "丢弃本地内容" }).click();
  await expect(c.getByTestId("review-message")).toContainText("已撤回");
  await expect(field(c, "text.s6")).not.toHaveAttribute("readonly", "");
  await field(c, "text.s6").fill("撤回后补充说明。");
  await expect(saveState(c)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // two supervisor tabs: the second learns of the approval by itself (its poll) and offers no second one;
  // a second approval racing the first is refused by the server (tests/integration/review.test.ts)
  const sup = await pageAs(browser, "shencha");
  const a = sup.page;
  await a.goto(url);
  const b = await sup.context.newPage();
  await b.goto(url);
  await expect(a.getByTestId("changes-summary")).toContainText("第 2 次提交"); // withdrawn #1, resubmitted #2
  // a comment typed, not sent, when the clerk withdraws: the reviewer's page says so and shows it (it was
  // hidden with the composer); resubmitted, the composer offers it again
  await cell(a, "t2.rules.issued").click();
  await a.getByTestId("add-comment").click();
  await a.getByLabel("批注内容").fill("规范性文件件数请再核对。");
  await c.getByTestId("withdraw-button").click();
  await expect(status(c)).toHaveText("草稿");
  const held = a.getByTestId("held-comment-draft");
  await expect(held).toContainText("尚未发送", { timeout: 20_000 });
  await expect(held.getByRole("textbox", { name: "未发送的批注" })).toHaveValue("规范性文件件数请再核对。");
  await submitForReview(c);
  await a.reload();
  await expect(a.getByLabel("批注内容")).toHaveValue("规范性文件件数请再核对。");
  await a.getByTestId("save-comment").click();
  await expect(thread(a, "cell:t2.rules.issued")).toContainText("规范性文件件数请再核对。");
  await a.getByTestId("review-approve").click();
  await a.getByTestId("approve-confirm").getByTestId("confirm-approve").click(); // its comment is unresolved
  await expect(a.getByTestId("review-status")).toHaveText("已通过");
  await expect(b.getByTestId("review-status")).toHaveText("已通过", { timeout: 15_000 }); // no reload
  await expect(b.getByTestId("review-approve")).toBeDisabled();

  // the clerk's page: no withdrawal, read-only
  await c.reload();
  await expect(status(c)).toHaveText("已通过");
  await expect(c.getByTestId("withdraw-button")).toHaveCount(0);
  await expect(c.getByTestId("submit-button")).toHaveCount(0);

  // another township's clerk gets the 404 page
  const other = await pageAs(browser, "chengguan");
  await other.page.goto(url);
  await expect(other.page.getByText("找不到该报告")).toBeVisible();
  await other.context.close();
  await clerk.context.close();
  await sup.context.close();
});

test("submitting with errors is refused; the supervisor cannot review a draft", async ({ browser }) => {
  const YEAR = 2023;
  const clerk = await pageAs(browser, "qingshan");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  await expect(c.getByTestId("submit-button")).toBeDisabled();
  await expect(c.getByTestId("clerk-status")).toHaveText("草稿");

  const sup = await pageAs(browser, "shencha");
  await sup.page.goto(url);
  await expect(sup.page.getByTestId("review-status")).toHaveText("草稿");
  for (const action of ["return", "approve", "publish"]) await expect(sup.page.getByTestId(`review-${action}`)).toBeDisabled();
  await expect(sup.page.getByTestId("review-approve")).toHaveAttribute("title", /尚未提交审核/);
  await expect(sup.page.getByTestId("add-comment")).toHaveCount(0);
  await clerk.context.close();
  await sup.context.close();
});

test("a published report found wrong: the reviewer returns it, it leaves the public portal; corrected, it is published again", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const YEAR = 2022;
  const clerk = await pageAs(browser, "qingshan");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  const id = url.split("/").pop()!;
  await fillComplete(c, YEAR);
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  await s.getByTestId("review-approve").click();
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  await publishReport(s);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(200);

  // the reviewer takes it back: the dialog says it will leave the portal
  await s.getByTestId("review-return").click();
  const dialog = s.getByTestId("return-dialog");
  await expect(dialog.getByTestId("return-unpublish-warning")).toContainText("将从公开页面撤下");
  await dialog.getByLabel("退回意见（必填）").fill("表二行政许可决定数有误，请改正后重新提交。");
  await dialog.getByTestId("confirm-return").click();
  await expect(dialog).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("已退回");
  await expect(s.getByTestId("review-publish")).toBeDisabled();
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(404);
  expect((await page.request.get(`/public/reports/${id}/pdf`)).status()).toBe(404);

  // the clerk sees why, corrects and resubmits
  await c.reload();
  await expect(status(c)).toHaveText("已退回");
  await expect(c.getByTestId("return-comment")).toHaveText("表二行政许可决定数有误，请改正后重新提交。");
  await cell(c, "t2.permit.decisions").fill("5");
  await expect(saveState(c)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // reviewed and published again: public, with the correction
  await s.reload();
  await expect(s.getByTestId("changes-summary").locator('[data-change="t2.permit.decisions"]')).toBeVisible();
  await s.getByTestId("review-approve").click();
  await s.getByTestId("confirm-approve").click(); // the return comment is still open
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  await publishReport(s);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(200);
  await expect(page.getByTestId("public-report").locator("table").first()).toContainText("5");
  await clerk.context.close();
  await sup.context.close();
});
