import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { expect, fillComplete, fillContact, openReport, pageAs, publishReport, submitForReview, test } from "./fixtures";

// Issue 11: the county cycle across levels — four townships approved → the county's office creates the
// 汇总 report, prefilled and balanced → submits → the city returns it with a comment on a cell → fixed →
// approved → published; the roll-up's XLSX sums match. Bad input gets a clear Chinese message.
// Years used by this spec (each spec owns its years; see fixtures.ts): dongshan, xiling, nanhu (not
// 2023), beipo 2024; the 东山县 汇总 2024. Deadline settings: 东山县 2022 (ORGAN 2月8日 — later than the
// format's date, so no other spec's 1月 成文日期 turns late).
const YEAR = 2024;
const TOWNS = [
  { clerk: "dongshan", new: "3", open: "2", partial: "1" },
  { clerk: "xiling", new: "1", open: "1", partial: "0" },
  { clerk: "nanhu", new: "4", open: "3", partial: "1" },
  { clerk: "beipo", new: "2", open: "2", partial: "0" },
] as const;

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);

test("the county cycle: four townships approved → 汇总 report prefilled → the city returns it with a cell comment → fixed → approved → published; XLSX sums match", async ({ browser }) => {
  test.setTimeout(300_000);
  const urls: string[] = [];
  for (const t of TOWNS) {
    const { context, page } = await pageAs(browser, t.clerk);
    urls.push(await openReport(page, YEAR));
    // 二、上年结转 comes from the organ's previous report (rule X1, an error to change), and another spec may
    // own that year (register.spec leaves one of beipo's 2023 applications open): whatever came in is still
    // open at the end of this year too (四、结转下年度), so this spec's figures balance either way
    for (const carried of await page.locator('input[data-cell^="t3.carried."]').all()) {
      const v = await carried.inputValue();
      const id = await carried.getAttribute("data-cell");
      if (v && id) await cell(page, id.replace("t3.carried.", "t3.carryover.")).fill(v);
    }
    await fillComplete(page, YEAR);
    await cell(page, "t3.new.natural").fill(t.new);
    await cell(page, "t3.open.natural").fill(t.open);
    await cell(page, "t3.partial.natural").fill(t.partial);
    await field(page, "text.s1.request").fill(`本年新收政府信息公开申请${t.new}件。`);
    await expect(page.getByTestId("error-count")).toHaveText("0 项错误");
    await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
    await submitForReview(page);
    await context.close();
  }
  const county = await pageAs(browser, "dsshencha");
  for (const url of urls) {
    await county.page.goto(url);
    await county.page.getByTestId("review-approve").click();
    await expect(county.page.getByTestId("review-status")).toHaveText("已通过");
  }
  await county.context.close();

  // the county's office: the roll-up, then its 汇总 report from it
  const office = await pageAs(browser, "dsban");
  const o = office.page;
  // its list names its own deadlines: the 汇总 and the 本级 report (not the townships' 1月31日)
  await o.goto("/reports");
  await expect(o.getByText(/\d{4}年度汇总报告须于\d{4}年2月20日前、本级报告须于\d{4}年3月31日前公开。/)).toBeVisible();
  await o.goto("/rollup");
  await o.getByLabel("年度", { exact: true }).fill(String(YEAR));
  await o.getByRole("button", { name: "查看汇总" }).click();
  await expect(o.getByTestId("rollup-summary")).toContainText("已计入 4 个");
  await expect(o.locator('[data-member][data-state="included"]')).toHaveCount(4);
  await expect(o.locator('[data-table="t3"] [data-cell="t3.new.natural"]')).toHaveText("10");
  // every figure drills down to the organs behind it
  await o.locator('[data-table="t3"] [data-cell="t3.new.natural"]').click();
  const drill = o.getByTestId("drill-down");
  await expect(drill).toContainText("合计 10");
  await expect(drill.locator("[data-contributor]")).toHaveCount(4);
  await expect(drill.locator('[data-contributor="东山县南湖镇人民政府"]')).toContainText("4");
  // the XLSX: the long sheet's sums are the 汇总's figures
  const download = o.waitForEvent("download");
  await o.getByTestId("rollup-xlsx").click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file!);
  const sums = new Map<string, number>();
  wb.getWorksheet("明细")!.eachRow((row, n) => {
    if (n > 1) sums.set(String(row.getCell(5).value), (sums.get(String(row.getCell(5).value)) ?? 0) + Number(row.getCell(6).value ?? 0));
  });
  expect(sums.get("t3.new.natural")).toBe(10);
  expect(sums.get("t3.partial.natural")).toBe(2);
  expect(sums.get("t3.open.natural")).toBe(8);

  await o.getByTestId("create-rollup-report").click();
  await o.waitForURL(/\/reports\/[^/]+$/);
  const reportUrl = o.url();
  await expect(o.getByTestId("rollup-banner")).toContainText("已计入 4 / 4 个");
  // prefilled, balanced, and linked: its figures cannot be typed
  await expect(cell(o, "t3.new.natural")).toHaveValue("10");
  await expect(cell(o, "t3.total.total")).toHaveText("10");
  await expect(cell(o, "t3.new.natural")).toHaveAttribute("readonly", "");
  await expect(o.locator('[data-finding^="E1:"]')).toHaveCount(0);
  // signed with the area it covers, and the field says why
  await expect(o.locator('[data-field="header.organName"]')).toHaveValue("东山县");
  await expect(o.locator('[data-field="header.organName"]')).toHaveAccessibleDescription("汇总报告以本地区名称署名（机关全称去掉“人民政府”），与报告标题一致");

  // 北坡乡's approved report is returned and approved again: each time the 汇总 follows with 更新汇总数据,
  // and the editor says the figures came from the roll-up (not "saved elsewhere")
  const beipoUrl = urls[3]!;
  const review = await pageAs(browser, "dsshencha");
  await review.page.goto(beipoUrl);
  await review.page.getByTestId("review-return").click();
  // the 汇总 is still a draft: the dialog has nothing to say about it
  await expect(review.page.getByTestId("return-rollup-warning")).toHaveCount(0);
  await review.page.getByTestId("return-dialog").getByLabel("退回意见（必填）").fill("请核实新收件数。");
  await review.page.getByTestId("return-dialog").getByTestId("confirm-return").click();
  await expect(review.page.getByTestId("review-status")).toHaveText("已退回");
  await o.reload();
  await expect(o.getByTestId("rollup-drift")).toContainText("移出 1 份");
  // the banner's count says what the tables hold now, and what the roll-up could count
  await expect(o.getByTestId("rollup-counts")).toHaveText("（表格中是 4 个机关的数字；按下级报告现状可计入 3 / 4 个）");
  await o.getByTestId("refresh-rollup").click();
  await expect(cell(o, "t3.new.natural")).toHaveValue("8", { timeout: 20_000 });
  await expect(o.getByTestId("rollup-counts")).toHaveText("（已计入 3 / 4 个）");
  await expect(o.getByTestId("save-merged")).toContainText("已按汇总更新数据", { timeout: 20_000 });
  await expect(o.getByTestId("save-merged")).not.toContainText("别处");
  const beipo = await pageAs(browser, "beipo");
  await beipo.page.goto(beipoUrl);
  await submitForReview(beipo.page);
  await beipo.context.close();
  await review.page.reload();
  await review.page.getByTestId("review-approve").click();
  // the return's reason is an open comment: approving asks first
  await review.page.getByTestId("confirm-approve").click();
  await expect(review.page.getByTestId("review-status")).toHaveText("已通过");
  await review.context.close();
  await o.reload();
  await o.getByTestId("refresh-rollup").click();
  await expect(cell(o, "t3.new.natural")).toHaveValue("10", { timeout: 20_000 });
  await expect(o.getByTestId("rollup-drift")).toHaveCount(0);
  for (const [ref, text] of [
    ["text.s1.active", "全县各单位主动公开政府信息，汇总见表二。"],
    ["text.s1.request", "全县本年新收政府信息公开申请10件。"],
    ["text.s1.management", "各单位严格落实信息发布审核制度。"],
    ["text.s1.platform", "依托县政府门户网站集中发布。"],
    ["text.s1.oversight", "将政务公开纳入年度绩效考核。"],
    ["text.s5", "部分乡镇公开不够及时。下一步将按月督促各单位更新公开内容。"],
    ["text.s6", "无其他需要报告的事项。"],
  ] as const)
    await field(o, ref).fill(text);
  await field(o, "header.signDate").fill(`${YEAR + 1}年2月18日`);
  await fillContact(o);
  await expect(o.getByTestId("error-count")).toHaveText("0 项错误");
  await expect(o.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  // all four townships are counted: the confirmation has nothing to say about who is left out
  await o.getByTestId("submit-button").click();
  await expect(o.getByTestId("submit-confirm")).toBeVisible();
  await expect(o.getByTestId("rollup-coverage")).toHaveCount(0);
  await o.getByTestId("submit-confirm").getByRole("button", { name: "取消" }).click();
  await submitForReview(o);
  await expect(o.getByTestId("report-status")).toHaveText("待审核");

  // the county's own supervisor reads it but does not review it; the city does
  const countyAgain = await pageAs(browser, "dsshencha");
  await countyAgain.page.goto(reportUrl);
  await expect(countyAgain.page.getByTestId("review-bar")).toHaveCount(0);
  await countyAgain.context.close();
  const city = await pageAs(browser, "shishencha");
  const c = city.page;
  await c.goto(reportUrl);
  await cell(c, "t3.new.total").click();
  await expect(c.getByTestId("comment-place")).toHaveAttribute("data-anchor", "cell:t3.new.total");
  await c.getByTestId("add-comment").click();
  await c.getByLabel("批注内容").fill("新收 10 件，请在一、（二）中说明主要申请内容。");
  await c.getByTestId("save-comment").click();
  await c.getByTestId("review-return").click();
  const dialog = c.getByTestId("return-dialog");
  await dialog.getByLabel("退回意见（必填）").fill("请按批注补充后重新提交。");
  await dialog.getByTestId("confirm-return").click();
  await expect(c.getByTestId("review-status")).toHaveText("已退回");

  // fixed by the office, resubmitted
  await o.reload();
  await expect(o.getByTestId("return-comment")).toHaveText("请按批注补充后重新提交。");
  await field(o, "text.s1.request").fill("全县本年新收政府信息公开申请10件，主要涉及征地补偿和惠民补贴信息，均按时答复。");
  await expect(o.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await submitForReview(o);

  // approved and published by the city; on the public portal under the county's name
  await c.reload();
  const thread = c.locator('[data-thread][data-anchor="cell:t3.new.total"]');
  await thread.getByRole("button", { name: "标记为已解决" }).click();
  await expect(thread).toHaveAttribute("data-resolved", "true");
  await c.getByTestId("review-approve").click();
  // the return's own comment is still open: approving asks first
  await c.getByTestId("approve-confirm").getByTestId("confirm-approve").click();
  await expect(c.getByTestId("review-status")).toHaveText("已通过");
  await publishReport(c);
  await expect(c.getByTestId("review-status")).toHaveText("已发布");
  await c.goto("/public");
  await expect(c.getByRole("link", { name: /东山县2024年政府信息公开工作年度报告/ })).toBeVisible();
  await office.context.close();
  await city.context.close();

  // the county's reviewer about to return a township the published 汇总 counts is told so first (and cancels)
  const last = await pageAs(browser, "dsshencha");
  await last.page.goto(beipoUrl);
  await last.page.getByTestId("review-return").click();
  await expect(last.page.getByTestId("return-rollup-warning")).toContainText(`东山县人民政府${YEAR}年度汇总报告（已发布）`);
  await last.page.getByTestId("return-dialog").getByRole("button", { name: "取消" }).click();
  await expect(last.page.getByTestId("review-status")).toHaveText("已通过");
  // …and returns it after all: the city's dashboard marks the published 汇总 on its row, and its review bar says
  // what to do (the city alone may return it)
  await last.page.getByTestId("review-return").click();
  await last.page.getByTestId("return-dialog").getByLabel("退回意见（必填）").fill("发布后发现新收件数有误。");
  await last.page.getByTestId("return-dialog").getByTestId("confirm-return").click();
  await expect(last.page.getByTestId("review-status")).toHaveText("已退回");
  await last.context.close();
  const cityAgain = await pageAs(browser, "shishencha");
  await cityAgain.page.goto(`/dashboard?year=${YEAR}`);
  const countyRow = cityAgain.page.locator('tr[data-organ="东山县人民政府"][data-report-kind="ROLLUP"]');
  await expect(countyRow.getByTestId("rollup-stale")).toContainText("汇总数据已过时");
  await cityAgain.page.goto(reportUrl);
  await expect(cityAgain.page.getByTestId("review-status")).toHaveText("已发布");
  await expect(cityAgain.page.getByTestId("review-rollup-stale")).toContainText("已公开的汇总数据有");
  await cityAgain.context.close();
});

test("bad input across levels: a move under its own descendant, a roll-up with no subordinates, an empty or impossible year", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  // moving 东山县 under its own township: not offered in the form…
  await page.goto("/admin/organs");
  const row = (name: string) => page.locator("tr[data-organ-id]", { has: page.locator("td:first-child", { hasText: new RegExp(`^\\s*${name}`) }) });
  const townId = (await row("东山县东山镇人民政府").getAttribute("data-organ-id"))!;
  await row("东山县人民政府").getByRole("link", { name: "编辑" }).click();
  await page.waitForURL(/\/admin\/organs\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "编辑机关：东山县人民政府" })).toBeVisible();
  const parent = page.locator("#organ-parentId");
  await expect(page.locator("form[data-hydrated]").first()).toBeAttached();
  await expect(parent.locator(`option[value="${townId}"]`)).toHaveCount(0);
  // …and refused with a clear message when forced (an old tab, a crafted request)
  await parent.evaluate((el: HTMLSelectElement, id: string) => {
    const o = document.createElement("option");
    o.value = id;
    o.textContent = "东山镇";
    el.appendChild(o);
    el.value = id;
  }, townId);
  await expect(parent).toHaveValue(townId);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("县级人民政府的上级机关须为地市级人民政府或省级人民政府");
  await expect(page.locator("#organ-parentId-error")).toBeVisible();
  await context.close();

  const office = await pageAs(browser, "admin");
  const a = office.page;
  // a government with no subordinates
  await a.goto("/admin/organs");
  await a.getByLabel("机关全称").fill("示范市新区管委会人民政府");
  await a.getByLabel("机关简称").fill("新区");
  await a.locator("#organ-kind").selectOption("COUNTY");
  await a.locator("#organ-parentId").selectOption({ label: "示范市人民政府" });
  await a.getByRole("button", { name: "新建机关" }).click();
  await expect(a.getByTestId("organ-form-message")).toContainText("已新建机关");
  await a.goto("/rollup");
  await a.locator('select[name="organ"]').selectOption({ label: "示范市新区管委会人民政府" });
  await a.getByRole("button", { name: "查看汇总" }).click();
  await expect(a.getByTestId("rollup-error")).toContainText("下还没有下级机关");
  // an impossible year
  await a.getByLabel("年度", { exact: true }).fill("1999");
  await a.locator('select[name="organ"]').selectOption({ label: "东山县人民政府" });
  await a.getByRole("button", { name: "查看汇总" }).click();
  await expect(a.getByTestId("rollup-error")).toContainText("年度须为 2021 至");
  // an empty one: the new government's first township has no report yet (every demo county's years are
  // written by other specs)
  await a.goto("/admin/organs");
  await a.getByLabel("机关全称").fill("示范市新区第一街道办事处");
  await a.getByLabel("机关简称").fill("第一街道");
  await a.locator("#organ-kind").selectOption("TOWNSHIP");
  await a.locator("#organ-parentId").selectOption({ label: "示范市新区管委会人民政府" });
  await a.getByRole("button", { name: "新建机关" }).click();
  await expect(a.getByTestId("organ-form-message")).toContainText("已新建机关");
  await a.goto("/rollup");
  await a.locator('select[name="organ"]').selectOption({ label: "示范市新区管委会人民政府" });
  await a.getByLabel("年度", { exact: true }).fill("2021");
  await a.getByRole("button", { name: "查看汇总" }).click();
  await expect(a.getByTestId("rollup-summary")).toContainText("已计入 0 个");
  await expect(a.locator('[data-member][data-state="missing"]')).toHaveCount(1);
  await office.context.close();
});

test("an admin sets a year's deadlines for a subtree; the dashboards follow, and a bad date is named", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  // a year that is no year is said so, not silently replaced
  await page.goto("/admin/deadlines?year=abc");
  await expect(page.getByTestId("deadlines-year-problem")).toContainText("报告年度“abc”不是四位数的年份");
  await page.goto("/admin/deadlines?year=2022");
  await expect(page.getByTestId("deadlines-year-problem")).toHaveCount(0);
  await page.locator('select[name="organ"]').selectOption({ label: "东山县人民政府" });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.locator("form[data-hydrated]")).toBeAttached();
  const organ = page.getByLabel("政府部门、乡镇（街道）年度报告（2023年）");
  await expect(organ).toHaveValue("1月31日");
  await organ.fill("2月30日");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("deadlines-message")).toContainText("“2月30日”不是有效的日期");
  await expect(organ).toHaveValue("2月30日"); // what was typed is kept
  // after the county's 汇总 (2月20日): named on the field, kept
  await organ.fill("2月25日");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(`#${await organ.getAttribute("id")}-error`)).toContainText("县级汇总报告（2月20日）早于政府部门、乡镇（街道）年度报告（2月25日）");
  await expect(organ).toHaveValue("2月25日");
  await expect(organ).toHaveAttribute("aria-invalid", "true");
  await organ.fill("2月8日");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("deadlines-message")).toContainText("已保存公开期限");
  await context.close();

  const sup = await pageAs(browser, "dsshencha");
  await sup.page.goto("/dashboard?year=2022");
  await expect(sup.page.locator('[data-organ="东山县东山镇人民政府"]')).toContainText("2023年2月8日");
  await expect(sup.page.locator('[data-organ="东山县人民政府"][data-report-kind="ROLLUP"]')).toContainText("2023年2月20日");
  // the header states the county's day, not the format's
  await expect(sup.page.getByTestId("dashboard-deadlines")).toContainText("政府部门、乡镇（街道）年度报告2023年2月8日前；县级汇总报告2023年2月20日前");
  await sup.context.close();
  // another county keeps the format's date
  const other = await pageAs(browser, "shencha");
  await other.page.goto("/dashboard?year=2022");
  await expect(other.page.locator('[data-organ="示范县城关镇人民政府"]')).toContainText("2023年1月31日");
  await expect(other.page.getByTestId("dashboard-deadlines")).toContainText("政府部门、乡镇（街道）年度报告2023年1月31日前");
  await other.context.close();
});
