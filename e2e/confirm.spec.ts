import type { Page } from "@playwright/test";
import { expect, fillComplete, openReport, pageAs, publishReport, submitForReview, test } from "./fixtures";

// Issue 18, points 7, 8 and 10: confirmations before 提交审核 and 发布, unsent replies kept, the review
// started only by an explicit act, commented cells marked.
// Years used by this spec (each spec owns its years; see fixtures.ts): qingshan 2021, chengguan 2025, hekou 2024.

const status = (page: Page) => page.getByTestId("report-status");
const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const thread = (page: Page, anchor: string) => page.locator(`[data-thread][data-anchor="${anchor}"]`);
const QINGSHAN = "示范县青山镇人民政府";

test("提交审核 and 发布 ask first, saying to whom / what becomes public; cancel changes nothing and gives the focus back", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const YEAR = 2021;
  const title = `${QINGSHAN}${YEAR}年政府信息公开工作年度报告`;
  const clerk = await pageAs(browser, "qingshan");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  const id = url.split("/").pop()!;
  await fillComplete(c, YEAR);

  // 提交审核: the dialog names the report, the reviewing organ, and that editing stops
  await c.getByTestId("submit-button").click();
  const submit = c.getByTestId("submit-confirm");
  await expect(submit).toBeVisible();
  await expect(submit).toContainText(title);
  await expect(submit).toContainText("示范县人民政府的审核人");
  await expect(submit).toContainText("不能再修改");
  await expect(submit).toContainText("撤回");
  await expect(submit.getByTestId("unsent-replies")).toHaveCount(0); // nothing typed in the comments
  await expect(submit.getByTestId("unresolved-comments")).toHaveCount(0);
  await expect(submit.getByTestId("timing-caveat")).toHaveCount(0); // the year is over, the date passed
  await submit.getByRole("button", { name: "取消" }).click();
  // a warning left open (五 that says only 「无」: T7) is named, not refused
  const s5 = c.locator('[data-field="text.s5"]');
  const s5Text = await s5.inputValue();
  await s5.fill("无");
  await expect(c.locator('[data-finding^="T7:"]')).toHaveCount(1);
  const warnings = (await c.getByTestId("warning-count").textContent())!.replace(/\D/g, "");
  await c.getByTestId("submit-button").click();
  await expect(submit.getByTestId("open-warnings")).toHaveText(`检查结果中还有 ${warnings} 项警告未确认，审核人会看到：核实无误的，可先取消，说明理由后确认。`);
  await submit.getByRole("button", { name: "取消" }).click();
  await s5.fill(s5Text);
  await expect(c.locator('[data-finding^="T7:"]')).toHaveCount(0);
  // on 2021年12月20日 (the browser's clock, China time) the year is not over and the 成文日期 is to come
  await c.clock.setFixedTime(new Date("2021-12-20T10:00:00+08:00"));
  await c.getByTestId("submit-button").click();
  await expect(submit.getByTestId("timing-caveat")).toHaveText([
    "2021年度尚未结束：报告的统计期至2021年12月31日，此后收到和办结的申请不在表中。",
    "成文日期为2022年1月20日，晚于今天（2021年12月20日）。",
  ]);
  await submit.getByRole("button", { name: "取消" }).click();
  await expect(submit).toHaveCount(0);
  await expect(c.getByTestId("submit-button")).toBeFocused();
  await c.reload();
  await expect(status(c)).toHaveText("草稿"); // nothing was submitted
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // 发布: approve first, then the dialog says what becomes public
  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  await s.getByTestId("review-approve").click();
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  await s.getByTestId("review-publish").click();
  const publish = s.getByTestId("publish-confirm");
  await expect(publish).toBeVisible();
  await expect(publish.getByTestId("publish-title")).toHaveText(`《${title}》`);
  await expect(publish).toContainText("/public");
  await expect(publish).toContainText("所有人");
  await expect(publish).toContainText("PDF");
  await expect(publish.getByTestId("timing-caveat")).toHaveCount(0);
  // the safe choice has the focus: Enter does not publish
  await expect(publish.getByRole("button", { name: "取消" })).toBeFocused();
  await publish.getByRole("button", { name: "取消" }).click();
  await expect(publish).toHaveCount(0);
  await expect(s.getByTestId("review-publish")).toBeFocused();
  // cancel published nothing
  await s.reload();
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(404);
  // Escape cancels too; on 2022年1月10日 the 成文日期 (1月20日) is still to come
  await s.clock.setFixedTime(new Date("2022-01-10T09:00:00+08:00"));
  await s.getByTestId("review-publish").click();
  await expect(publish).toBeVisible();
  await expect(publish.getByTestId("timing-caveat")).toHaveText(["成文日期为2022年1月20日，晚于今天（2022年1月10日）。"]);
  await s.keyboard.press("Escape");
  await expect(publish).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("已通过");

  await publishReport(s);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(200);
  await clerk.context.close();
  await sup.context.close();
});

test("an unsent reply survives the clerk's submit; a commented cell is marked until its comment is resolved", async ({ browser }) => {
  test.setTimeout(120_000);
  const YEAR = 2025;
  const clerk = await pageAs(browser, "chengguan");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  await fillComplete(c, YEAR);
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // the supervisor comments on two cells and returns the report
  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  for (const [ref, body] of [
    ["t3.new.natural", "本年新收申请为 0，请核实。"],
    ["t2.permit.decisions", "行政许可决定数请核对。"],
  ] as const) {
    await cell(s, ref).click();
    await s.getByTestId("add-comment").click();
    await s.getByLabel("批注内容").fill(body);
    await s.getByTestId("save-comment").click();
    await expect(thread(s, `cell:${ref}`)).toContainText(body);
  }
  await s.getByTestId("review-return").click();
  await s.getByLabel("退回意见（必填）").fill("请按批注核实后重新提交。");
  await s.getByTestId("confirm-return").click();
  await expect(s.getByTestId("review-status")).toHaveText("已退回");

  // a reply typed but not sent, then 提交审核: the page re-renders, the reply is still there
  await c.reload();
  await expect(status(c)).toHaveText("已退回");
  const t = thread(c, "cell:t3.new.natural");
  await t.getByRole("button", { name: "回复" }).click();
  await t.getByLabel("回复内容").fill("已核实，本年确无申请。");
  // the confirmation says that a reply is not sent yet (the reviewer would not see it)
  await c.getByTestId("submit-button").click();
  await expect(c.getByTestId("unsent-replies")).toContainText("您还有 1 条批注或回复未发送");
  await c.getByTestId("submit-confirm").getByRole("button", { name: "取消" }).click();
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");
  await expect(c.getByTestId("clerk-status")).toHaveText("待审核");
  await expect(thread(c, "cell:t3.new.natural").getByLabel("回复内容")).toHaveValue("已核实，本年确无申请。");
  // …and after a reload of the tab; sending it clears the draft
  await c.reload();
  const kept = thread(c, "cell:t3.new.natural");
  await expect(kept.getByLabel("回复内容")).toHaveValue("已核实，本年确无申请。");
  await kept.getByRole("button", { name: "发送回复" }).click();
  await expect(kept.getByTestId("reply-body")).toHaveText("已核实，本年确无申请。");
  await expect(kept.getByLabel("回复内容")).toHaveCount(0);
  await c.reload();
  await expect(thread(c, "cell:t3.new.natural").getByTestId("reply-body")).toHaveText("已核实，本年确无申请。");
  await expect(thread(c, "cell:t3.new.natural").getByLabel("回复内容")).toHaveCount(0);

  // both commented cells are marked, with the comments in the cells' accessible descriptions
  for (const ref of ["t3.new.natural", "t2.permit.decisions"]) {
    await expect(c.locator(`[data-testid="comment-cell-mark"][data-anchor="cell:${ref}"]`)).toBeVisible();
    await expect(cell(c, ref)).toHaveAccessibleDescription("有 1 条未解决的批注");
  }
  await expect(cell(c, "t3.open.natural")).toHaveAccessibleDescription("");
  // a resolved comment: the cell mark goes, a grey badge and the description say it is resolved
  const permit = thread(c, "cell:t2.permit.decisions");
  await permit.getByRole("button", { name: "标记为已解决" }).click();
  await expect(permit).toHaveAttribute("data-resolved", "true");
  await expect(c.locator('[data-testid="comment-cell-mark"][data-anchor="cell:t2.permit.decisions"]')).toHaveCount(0);
  await expect(c.locator('[data-testid="comment-marker"][data-anchor="cell:t2.permit.decisions"]')).toHaveAttribute("data-open", "0");
  await expect(cell(c, "t2.permit.decisions")).toHaveAccessibleDescription("1 条批注均已解决");
  await expect(c.locator('[data-testid="comment-cell-mark"][data-anchor="cell:t3.new.natural"]')).toBeVisible();
  await clerk.context.close();
  await sup.context.close();
});

test("the supervisor opening a submitted report does not start the review: the clerk can still withdraw; 开始审核 starts it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const YEAR = 2024;
  const clerk = await pageAs(browser, "hekou");
  const c = clerk.page;
  const url = await openReport(c, YEAR);
  await fillComplete(c, YEAR);
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");

  // the supervisor merely opens it (twice)
  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  await expect(s.getByTestId("review-status")).toHaveText("待审核");
  await s.reload();
  await expect(s.getByTestId("review-status")).toHaveText("待审核");

  // the clerk can still withdraw
  await c.reload();
  await expect(c.getByTestId("clerk-hint")).toContainText("审核开始前可以撤回");
  await c.getByTestId("withdraw-button").click();
  await expect(status(c)).toHaveText("草稿");
  await expect(c.getByTestId("review-message")).toContainText("已撤回");

  // resubmitted; the supervisor is told the review has not started, and starts it explicitly
  await submitForReview(c);
  await expect(status(c)).toHaveText("待审核");
  await s.reload();
  await expect(s.getByTestId("review-hint")).toContainText("审核尚未开始");
  await s.getByTestId("review-start").click();
  await expect(s.getByTestId("review-message")).toContainText("已开始审核");
  await expect(s.getByTestId("review-start")).toHaveCount(0);
  await expect(s.getByTestId("review-bar")).toContainText("开始审核于");

  // the clerk can no longer withdraw
  await c.reload();
  await expect(c.getByTestId("withdraw-button")).toHaveCount(0);
  await expect(c.getByTestId("clerk-hint")).toContainText("审核人已开始审核");
  await clerk.context.close();
  await sup.context.close();
});
