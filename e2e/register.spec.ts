import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { expect, openReport, pageAs, test } from "./fixtures";

// Issue 16: the 依申请公开台账. A clerk records applications through a year (one carried over from last year,
// one 补正, one consulted, one extended), sees the due dates, imports an XLSX 台账 (a bad row: a message and
// nothing stored; then a good one); the year's report starts with table 三 from the register, balanced; the
// supervisor sees the entries without names or contacts; bad input gets a clear message and is kept.
// Years used by this spec (each spec owns its years; see fixtures.ts): beipo 2022 and 2023 (registers, report 2023).
// The due dates below were counted by hand on the State Council calendars (the day of receipt not counted):
//   2022-12-26 (Mon): 12-27..30 = 1–4, 2023-01-02 元旦 off, 01-03..06 = 5–8, 01-09..13 = 9–13, 01-16..20 = 14–18,
//     春节 1月21日–27日 off, 1月28日（星期六）= 19, 1月29日（星期日）= 20 → 2023-01-29
//   2023-03-01, 补正 notice 03-03, corrected application 03-10 (Fri): 03-13..31 = 1–15, 04-03, 04-04 = 16–17,
//     清明 04-05 off, 04-06, 04-07 = 18–19, 04-10 = 20 → 2023-04-10
//   2023-06-05, consulting 06-12..06-16 (skipped): 06-06..09 = 1–4, 06-19..21 = 5–7, 端午 06-22..24 off,
//     6月25日（星期日）= 8, 06-26..30 = 9–13, 07-03..07 = 14–18, 07-10 = 19, 07-11 = 20 → 2023-07-11
//   2023-09-25: 09-26..28 = 1–3, 9月29日–10月6日 off, 10月7日、8日（周末上班）= 4–5, 10-09..27 = 6–20 → 2023-10-27;
//     extended by 20 (approved 10-20): 10-30..11-24 = 21–40 → 2023-11-24

const form = (page: Page) => page.getByTestId("entry-form");
const input = (page: Page, name: string) => form(page).locator(`[name="${name}"]`);

async function openRegister(page: Page, year: number) {
  await page.goto(`/register?year=${year}`);
  await expect(page.getByTestId("register-title")).toContainText(`${year} 年度`);
}

async function record(page: Page, fields: Record<string, string>, selects: Record<string, string> = {}) {
  await page.getByRole("button", { name: "登记新申请" }).click();
  for (const [name, label] of Object.entries(selects)) await input(page, name).selectOption({ label });
  for (const [name, value] of Object.entries(fields)) await input(page, name).fill(value);
  await form(page).getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已登记第" })).toBeVisible();
}

const row = (page: Page, seq: number) => page.getByTestId("register-table").locator(`tr[data-seq="${seq}"]`);

async function edit(page: Page, seq: number, fields: Record<string, string>, selects: Record<string, string> = {}) {
  await row(page, seq).click();
  for (const [name, label] of Object.entries(selects)) await input(page, name).selectOption({ label });
  for (const [name, value] of Object.entries(fields)) await input(page, name).fill(value);
  await expect(form(page).getByTestId("save-state")).toHaveText("已自动保存", { timeout: 15_000 });
  await form(page).getByRole("button", { name: "关闭" }).click();
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("the register: a year of applications with their due dates, an XLSX import, table 三 from it; the supervisor sees no personal data", async ({ browser }) => {
  test.setTimeout(240_000);
  const { context, page } = await pageAs(browser, "beipo");

  // last year: one application received just before 元旦/春节, still open on 12月31日 → carried over
  await openRegister(page, 2022);
  // nothing registered yet: the report's table 三 is what the clerk types (not the register's zeros)
  await expect(page.getByTestId("register-t3")).toContainText("年度报告的表三：尚无申请，按报告中填写的数字");
  await expect(page.getByTestId("register-t3").getByRole("button", { name: "改为手工填写" })).toHaveCount(0);
  await record(page, { receivedAt: "2022-12-26", applicantName: "赵六", contact: "13912345678", content: "年末补贴发放明细" });
  // registered: the form closes and the focus is on the answer (not lost to the page)
  await expect(page.getByTestId("register-notice")).toBeFocused();
  await expect(row(page, 1).getByTestId("due")).toHaveText("2023-01-29");
  // by keyboard: the row's 序号 opens it, and the focus goes into the form
  await row(page, 1).getByRole("button", { name: "打开第 1 号申请" }).focus();
  await page.keyboard.press("Enter");
  await expect(form(page).getByRole("heading", { name: "第 1 号申请" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(form(page).locator(":focus")).toHaveCount(1);
  await form(page).getByRole("button", { name: "关闭" }).click();
  await expect(form(page)).toHaveCount(0);
  await expect(page.getByTestId("register-t3")).toContainText("年度报告的表三：按台账自动填入");
  await page.getByRole("button", { name: /结转到 2023 年度/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "已将 1 件未办结的申请结转到 2023 年度台账" })).toBeVisible();
  // an application registered by mistake: 删除 asks in the app's dialog (取消 keeps it), then deletes
  await record(page, { receivedAt: "2022-12-28", applicantName: "误登记", content: "重复登记" });
  await row(page, 2).click();
  await form(page).getByRole("button", { name: "删除" }).click();
  const ask = page.getByRole("dialog", { name: "删除第 2 号申请？" });
  await ask.getByRole("button", { name: "取消" }).click();
  await expect(ask).toBeHidden();
  await expect(row(page, 2)).toBeVisible();
  await form(page).getByRole("button", { name: "删除" }).click();
  await ask.getByRole("button", { name: "删除" }).click();
  await expect(page.getByTestId("register-table").locator("tr[data-seq]")).toHaveCount(1);

  await openRegister(page, 2023);
  await expect(row(page, 1)).toContainText("上年结转");
  await expect(row(page, 1)).toContainText("赵六");
  await edit(page, 1, { repliedAt: "2023-01-10" }, { result: "（一）予以公开" });
  // a change with an error is not dropped without a word on 关闭: the clerk is asked
  await row(page, 1).click();
  await input(page, "repliedAt").fill("2023-04-31");
  await expect(form(page).getByTestId("error-repliedAt")).toHaveText("「答复日期」2023-04-31 不是有效日期（2023年4月没有31日）", { timeout: 15_000 });
  await form(page).getByRole("button", { name: "关闭" }).click();
  const discard = page.getByRole("dialog", { name: "放弃未保存的内容？" });
  await expect(discard).toContainText("有内容需要改正");
  await discard.getByRole("button", { name: "放弃并离开" }).click();
  await expect(form(page)).toHaveCount(0);
  await expect(row(page, 1)).toContainText("2023-01-10");

  // bad input: a named field, and what was typed is kept
  await page.getByRole("button", { name: "登记新申请" }).click();
  await input(page, "receivedAt").fill("2023-05-10");
  await input(page, "repliedAt").fill("2023-05-01");
  await input(page, "result").selectOption({ label: "（一）予以公开" });
  await form(page).getByRole("button", { name: "登记", exact: true }).click();
  await expect(form(page).getByTestId("error-repliedAt")).toHaveText("「答复日期」2023-05-01 早于「收到日期」2023-05-10");
  await expect(input(page, "repliedAt")).toHaveValue("2023-05-01");
  // the field to correct has the focus (and is in view), not the page
  await expect(input(page, "repliedAt")).toBeFocused();
  await expect(input(page, "repliedAt")).toBeInViewport();
  await input(page, "receivedAt").fill("2024-01-05");
  await input(page, "repliedAt").fill("");
  await input(page, "result").selectOption({ label: "（未办结）" });
  await form(page).getByRole("button", { name: "登记", exact: true }).click();
  await expect(form(page).getByTestId("error-receivedAt")).toContainText("「收到日期」2024-01-05 不在 2023 年内");
  await expect(input(page, "receivedAt")).toBeFocused();
  await expect(input(page, "receivedAt")).toHaveValue("2024-01-05");
  // a 申请内容 far over its limit: the field named (not a message to reload the page), the text kept
  const long = "申请公开村级财务收支明细。".repeat(500);
  await input(page, "receivedAt").fill("2023-05-10");
  await input(page, "content").fill(long);
  await form(page).getByRole("button", { name: "登记", exact: true }).click();
  await expect(form(page).getByTestId("error-content")).toContainText("「申请内容」超过 2000 字");
  await expect(input(page, "content")).toHaveValue(long);
  // leaving a new application not registered yet (关闭, another row) asks first: 继续填写 keeps every field
  await form(page).getByRole("button", { name: "关闭" }).click();
  const leave = page.getByRole("dialog", { name: "放弃未保存的内容？" });
  await expect(leave).toContainText("新申请还没有登记");
  await leave.getByRole("button", { name: "继续填写" }).click();
  await expect(input(page, "content")).toHaveValue(long);
  await expect(input(page, "receivedAt")).toHaveValue("2023-05-10");
  await row(page, 1).click();
  await leave.getByRole("button", { name: "放弃并离开" }).click();
  await expect(form(page).locator("h2")).toHaveText("第 1 号申请");
  await form(page).getByRole("button", { name: "关闭" }).click();
  await expect(form(page)).toHaveCount(0);

  // 补正: the clock runs from the corrected application
  await record(page, { receivedAt: "2023-03-01", applicantName: "钱七", content: "村道硬化工程资料", correctionNoticeAt: "2023-03-03" });
  await expect(row(page, 2)).toContainText("等待补正");
  await edit(page, 2, { correctionReceivedAt: "2023-03-10" });
  await expect(row(page, 2).getByTestId("due")).toHaveText("2023-04-10");
  await edit(page, 2, { repliedAt: "2023-04-07" }, { result: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" });
  // its history: who changed which fields
  await row(page, 2).click();
  await form(page).getByTestId("entry-history").locator("summary").click();
  await expect(form(page).getByTestId("entry-history")).toContainText("北坡乡填报员 修改依申请公开登记：收到补正日期");
  await expect(form(page).getByTestId("entry-history")).toContainText("修改依申请公开登记：答复日期、处理结果");
  await form(page).getByRole("button", { name: "关闭" }).click();

  // 征求第三方意见: its days are not counted
  await record(
    page,
    { receivedAt: "2023-06-05", applicantName: "某建材公司", content: "采购合同", consultFrom: "2023-06-12", consultTo: "2023-06-16" },
    { method: "网络", applicantType: "商业企业" },
  );
  await expect(row(page, 3).getByTestId("due")).toHaveText("2023-07-11");
  await edit(page, 3, { repliedAt: "2023-07-10" }, { result: "（三）不予公开4.保护第三方合法权益" });

  // 延期: +20 working days; left open at 12月31日 → 结转下年度
  await record(page, { receivedAt: "2023-09-25", applicantName: "孙八", content: "宅基地审批档案" }, { method: "邮寄" });
  await expect(row(page, 4).getByTestId("due")).toHaveText("2023-10-27");
  await edit(page, 4, { extensionApprovedAt: "2023-10-20" });
  await expect(row(page, 4).getByTestId("due")).toHaveText("2023-11-24（已延期）");
  await expect(row(page, 4)).toContainText("已延期");

  // import: a bad row is named with its row and column, and nothing is stored
  const imp = page.getByTestId("register-import");
  // the template: the columns the import reads, and an example of this register's year
  const template = await page.request.get((await imp.getByTestId("register-template").getAttribute("href"))!);
  expect(template.status()).toBe(200);
  const templateText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await template.body()); // the BOM kept, to see it
  expect(templateText.startsWith("\uFEFF收到日期,申请方式,申请人类别")).toBe(true);
  expect(templateText).toContain("2023-03-09");
  const header = ["序号", "收到日期", "申请方式", "申请人类别", "申请人", "申请内容", "答复日期", "处理结果"];
  await imp.getByLabel("选择台账文件").setInputFiles({
    name: "北坡乡台账.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await xlsx([header, [1, "2023-11-01", "当面", "自然人", "周九", "低保名单", "2023-11-15", "予以公开"], [2, "2023-11-02", "当面", "公司", "吴十", "x", "2023-11-20", "（九）其他"]]),
  });
  const problems = imp.getByTestId("import-problems");
  await expect(problems).toContainText("第 3 行「申请人类别（第 D 列）」：「公司」不是表三的申请人类别");
  await expect(problems).toContainText("第 3 行「处理结果（第 H 列）」：「（九）其他」不是表三的办理结果行");
  await expect(imp.getByTestId("import-result")).toContainText("尚未导入任何数据");
  await expect(imp.getByRole("button", { name: /确认导入/ })).toHaveCount(0);
  await expect(page.getByTestId("register-table").locator("tr[data-seq]")).toHaveCount(4);

  // the good file: checked, then stored on confirmation
  await imp.getByLabel("选择台账文件").setInputFiles({
    name: "北坡乡台账.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await xlsx([header, [1, "2023-11-01", "当面", "自然人", "周九", "低保名单", "2023-11-15", "予以公开"]]),
  });
  await expect(imp.getByTestId("import-result")).toContainText("共 1 件申请可以导入");
  await imp.getByRole("button", { name: "确认导入 1 件" }).click();
  await expect(imp.getByTestId("import-message")).toHaveText("已导入 1 件申请。");
  await expect(imp.getByText("已导入 1 件申请。")).toHaveCount(1); // said once
  await expect(page.getByTestId("register-table").locator("tr[data-seq]")).toHaveCount(5);
  // the same file again: recognised, nothing to import (it doubled the register and table 三 before)
  await imp.getByLabel("选择台账文件").setInputFiles({
    name: "北坡乡台账.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await xlsx([header, [1, "2023-11-01", "当面", "自然人", "周九", "低保名单", "2023-11-15", "予以公开"]]),
  });
  await expect(imp.getByTestId("import-result")).toContainText("文件中的 1 件申请都已在台账中（收到日期、申请人和申请内容相同），没有新的申请需要导入。");
  await expect(imp.getByRole("button", { name: /确认导入/ })).toHaveCount(0);
  await expect(page.getByTestId("register-table").locator("tr[data-seq]")).toHaveCount(5);
  await expect(row(page, 5)).toContainText("周九");

  // table 三 on the register page, with drill-down
  const t3 = page.getByTestId("register-t3");
  await expect(t3.locator('[data-cell="t3.new.total"]')).toHaveText("4");
  await expect(t3.locator('[data-cell="t3.carryover.natural"]')).toHaveText("1");
  await t3.locator('[data-cell="t3.carryover.natural"]').click();
  await expect(page.getByTestId("cell-filter")).toContainText("的 1 件");
  await expect(page.getByTestId("register-table").locator("tr[data-seq]")).toHaveCount(1);
  await expect(row(page, 4)).toBeVisible();

  // the year's report starts with table 三 from the register, and it balances
  await openReport(page, 2023);
  await expect(page.getByTestId("register-banner")).toContainText("表三的数据来自东山县北坡乡人民政府的依申请公开台账");
  const cell = (id: string) => page.locator(`[data-cell="${id}"]`);
  await expect(cell("t3.new.natural")).toHaveValue("3");
  await expect(cell("t3.new.commercial")).toHaveValue("1");
  await expect(cell("t3.carried.natural")).toHaveValue("1");
  await expect(cell("t3.open.natural")).toHaveValue("2");
  await expect(cell("t3.partial.natural")).toHaveValue("1");
  await expect(cell("t3.deny4.commercial")).toHaveValue("1");
  await expect(cell("t3.carryover.natural")).toHaveValue("1");
  // 一 + 二 = （七） + 四: 4 + 1 = 4 + 1
  await expect(cell("t3.new.total")).toHaveText("4");
  await expect(cell("t3.carried.total")).toHaveText("1");
  await expect(cell("t3.total.total")).toHaveText("4");
  await expect(cell("t3.carryover.total")).toHaveText("1");
  await expect(page.locator('[data-cell^="t3."][aria-invalid="true"]')).toHaveCount(0);
  await expect(page.getByTestId("register-differences")).toHaveCount(0);
  // the register keeps table 三: its cells cannot be typed or pasted into (the register's next change would
  // overwrite them), and the table says where to switch to typed figures
  await expect(cell("t3.new.natural")).not.toBeEditable();
  await expect(cell("t2.rules.issued")).toBeEditable();
  await expect(page.getByTestId("register-locked-t3")).toContainText("改为手工填写");
  await expect(page.getByTestId("register-locked-t3").getByRole("link", { name: "台账" })).toHaveAttribute("href", /\/register\?organ=.+&year=2023/);

  // every figure drills down to its applications
  await page.getByTestId("register-cells").locator("summary").click();
  await page.locator('[data-cell-link="t3.deny4.commercial"]').click();
  await expect(page.getByTestId("cell-filter")).toContainText("的 1 件");
  await expect(page.getByTestId("register-table").locator("tr[data-seq]")).toHaveCount(1);
  await expect(row(page, 3)).toContainText("采购合同");

  // switched to typed figures: the report page names every cell where typed and register differ
  await page.getByRole("button", { name: "改为手工填写" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已改为手工填写" })).toBeVisible();
  await openReport(page, 2023);
  await expect(page.getByTestId("register-locked-t3")).toHaveCount(0);
  await cell("t3.new.natural").fill("5");
  await cell("t3.open.natural").fill("4");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  // the editor's own check names them too, as warnings
  await expect(page.getByTestId("validation-panel")).toContainText("表三「一、本年新收政府信息公开申请数量」自然人填写 5，依申请公开台账为 3。");
  await expect(page.getByTestId("validation-panel")).toContainText("表三「（一）予以公开」自然人填写 4，依申请公开台账为 2。");
  await page.reload();
  const diffs = page.getByTestId("register-differences");
  await expect(diffs).toContainText("以下 2 个单元格与台账不一致");
  await expect(diffs).toContainText("表三「一、本年新收政府信息公开申请数量」自然人：报告填写 5，台账计算 3");
  await expect(diffs).toContainText("表三「（一）予以公开」自然人：报告填写 4，台账计算 2");
  await context.close();

  // the supervisor: the entries, without names or contacts
  const sup = await pageAs(browser, "dsshencha");
  await sup.page.goto("/register");
  await sup.page.getByLabel("机关", { exact: true }).selectOption({ label: "东山县北坡乡人民政府" });
  await sup.page.getByLabel("年度", { exact: true }).selectOption("2023");
  await sup.page.getByRole("button", { name: "打开" }).click();
  await expect(sup.page.getByTestId("register-title")).toContainText("东山县北坡乡人民政府 · 2023 年度");
  const table = sup.page.getByTestId("register-table");
  await expect(table.locator("tr[data-seq]")).toHaveCount(5);
  await expect(table).toContainText("宅基地审批档案");
  for (const name of ["赵六", "钱七", "某建材公司", "孙八", "周九", "13912345678"]) await expect(sup.page.locator("body")).not.toContainText(name);
  await expect(table.locator("th", { hasText: "申请人" })).toHaveCount(1); // 申请人类别 only
  await expect(sup.page.getByRole("button", { name: "登记新申请" })).toHaveCount(0);
  await sup.context.close();
});
