import type { Page } from "@playwright/test";
import { expect, openReport, pageAs, test } from "./fixtures";

// Issue 17: the text's figures checked against the tables, and sections with substance. As 东山镇's clerk
// (dongshan), on its own 2022 report only (this spec's pair).
const YEAR = 2022;

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);

test("a figure the text states against table 三: 「上年结转政府信息公开申请3件」 is pinned to the sentence and to 二、上年结转; fixed, it goes; a 五 of 「无」 is a warning naming the section", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "dongshan");
  await openReport(page, YEAR);

  // table 三 says 15 carried over from last year
  await cell(page, "t3.carried.natural").fill("15");
  await expect(cell(page, "t3.carried.total")).toHaveText("15");

  // the clerk writes 3 in section 一（二）
  const sentence = "上年结转政府信息公开申请3件";
  await field(page, "text.s1.request").fill(`本年度${sentence}，均已按时办结。`);
  const finding = page.locator('[data-finding^="T1:s1.request:carried:3"]');
  await expect(finding).toBeVisible();
  await expect(finding).toHaveAttribute("data-rule", "T1");
  await expect(finding).toContainText(sentence);
  await expect(finding).toContainText("表三「二、上年结转政府信息公开申请数量」为 15");
  // the sentence's field is marked as warned
  await expect(field(page, "text.s1.request")).toHaveClass(/border-amber-400/);
  // clicking it points at both: the text and table 三's 二、上年结转 total
  await finding.getByRole("button").first().click();
  await expect(page.getByText(/已在报告中标出/)).toBeVisible();
  await expect(field(page, "text.s1.request")).toHaveClass(/ring-4/);
  await expect(page.locator("td", { has: cell(page, "t3.carried.total") })).toHaveClass(/ring-2/);

  // fixed: the finding goes
  await field(page, "text.s1.request").fill("本年度上年结转政府信息公开申请15件，均已按时办结。");
  await expect(page.locator('[data-finding^="T1:"]')).toHaveCount(0);
  // a statement the table makes true is never flagged: 一 + 二 when it says 含上年结转
  await cell(page, "t3.new.natural").fill("170");
  await field(page, "text.s1.request").fill("共收到申请185件（含上年结转15件），均已按时办结。");
  await expect(page.locator('[data-finding^="T1:"]')).toHaveCount(0);

  // section 五 of only 「无」: a warning naming the section
  await field(page, "text.s5").fill("无");
  const s5 = page.locator('[data-finding^="T7:"]');
  await expect(s5).toBeVisible();
  await expect(s5).toContainText("五、存在的主要问题及改进情况只写了“无”");
  await field(page, "text.s5").fill("一是部分信息公开不够及时；二是政策解读形式单一。下一步将建立公开事项清单，按月督促更新。");
  await expect(s5).toHaveCount(0);

  // the opening's empty 地址/电话 is an error that blocks submit
  await expect(page.locator('[data-finding="E9:header.opening"]')).toContainText("开头段落中还有未填写的模板占位内容");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await context.close();
});
