import type { Page } from "@playwright/test";
import { expect, newTownshipClerk, openReport, pageAs, test } from "./fixtures";

// Years used by this spec (each spec owns its years; see fixtures.ts): chengguan 2021, 2023.
// Two tabs on one report: e2e/merge.spec.ts.

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);
const focusedCell = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-cell") ?? null);
const saveState = (page: Page) => page.getByTestId("save-state");

/** Paste clipboard text into the focused element the way a browser does after Ctrl+V. */
async function pasteText(page: Page, text: string) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

test("tables: typing, live totals, keyboard, paste, errors kept, findings, blanks to 0, reload", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "chengguan");
  await openReport(page, 2023);

  // merged cells as in the official format: table 二's single-column blocks span the three value columns
  await expect(cell(page, "t2.permit.decisions").locator("xpath=..")).toHaveAttribute("colspan", "3");
  await expect(page.locator('[data-table="t3"] th', { hasText: "（本列数据的勾稽关系为" })).toHaveAttribute("rowspan", "3");

  // typing updates the row total and the column total live
  await cell(page, "t3.new.natural").fill("5");
  await expect(cell(page, "t3.new.total")).toHaveText("5");
  await expect(cell(page, "t3.total.natural")).toHaveText("0");
  await expect(cell(page, "t3.new.natural")).toHaveAttribute("aria-label", /自然人/);

  // Enter moves down, arrows move at the text's edge; full-width digits are normalised on leaving
  await cell(page, "t3.new.natural").focus();
  await page.keyboard.press("Enter");
  expect(await focusedCell(page)).toBe("t3.carried.natural");
  await page.keyboard.type("１２");
  await page.keyboard.press("ArrowRight");
  expect(await focusedCell(page)).toBe("t3.carried.commercial");
  await expect(cell(page, "t3.carried.natural")).toHaveValue("12");
  await page.keyboard.press("ArrowUp");
  expect(await focusedCell(page)).toBe("t3.new.commercial");
  await page.keyboard.press("ArrowLeft"); // empty cell: caret at the start → moves
  expect(await focusedCell(page)).toBe("t3.new.natural");

  // a rectangular block from Excel fills the grid from the focused cell; totals follow
  await cell(page, "t3.open.natural").focus();
  await pasteText(page, "1\t0\r\n３\t0\r\n");
  await expect(cell(page, "t3.open.natural")).toHaveValue("1");
  await expect(cell(page, "t3.partial.natural")).toHaveValue("3");
  await expect(cell(page, "t3.open.commercial")).toHaveValue("0");
  await expect(cell(page, "t3.total.natural")).toHaveText("4");
  // a block pasted in the wrong place is taken back as a whole: Ctrl+Z right after it…
  const block = ["t3.open.natural", "t3.open.commercial", "t3.partial.natural", "t3.partial.commercial"];
  const values = () => Promise.all(block.map((id) => cell(page, id).inputValue()));
  const before = await values();
  await cell(page, "t3.open.natural").focus();
  await pasteText(page, "7\t7\r\n7\t7\r\n");
  await expect(cell(page, "t3.total.natural")).toHaveText("14");
  await page.keyboard.press("Control+z");
  expect(await values()).toEqual(before);
  await expect(cell(page, "t3.total.natural")).toHaveText("4");
  await expect(page.getByText("已撤销“粘贴”，恢复 4 个单元格。")).toBeVisible();
  // …or the 撤销 button beside the notice, which keeps a cell edited since
  await pasteText(page, "8\t8\r\n8\t8\r\n");
  await cell(page, "t3.partial.commercial").fill("2");
  await page.locator("#section-s3").getByTestId("undo-block").click();
  expect(await values()).toEqual([...before.slice(0, 3), "2"]);
  await expect(page.getByText(/1 个单元格此后又修改过，保留修改/)).toBeVisible();
  await cell(page, "t3.partial.commercial").fill(before[3]!);
  // columns beyond the table are ignored with a notice
  await cell(page, "t3.deny1.otherOrg").focus();
  await pasteText(page, "0\t9\t9");
  await expect(cell(page, "t3.deny1.otherOrg")).toHaveValue("0");
  await expect(page.getByText(/已跳过|已忽略/).first()).toBeVisible();

  // the E1 imbalance of the 自然人 column is listed; clicking it focuses and highlights its cells
  const e1 = page.locator('[data-finding^="E1:"]', { hasText: "自然人" });
  await expect(e1).toBeVisible();
  await e1.getByRole("button").first().click();
  await expect.poll(() => focusedCell(page)).toBe("t3.new.natural");
  await expect(page.getByText(/已在报告中标出/)).toBeVisible();
  // fixing it makes it disappear: 5 + 12 = (1 + 3) + 13
  await cell(page, "t3.carryover.natural").fill("13");
  await expect(e1).toHaveCount(0);
  // …and its highlight with it
  await expect(page.getByText(/已在报告中标出/)).toHaveCount(0);
  await expect(page.locator("td.bg-yellow-100")).toHaveCount(0);

  // an invalid value is kept as typed, flagged, and makes the total unknown
  await cell(page, "t4.review.upheld").fill("abc");
  await expect(cell(page, "t4.review.upheld")).toHaveAttribute("aria-invalid", "true");
  await expect(cell(page, "t4.review.total")).toHaveText("—");
  await expect(page.getByText(/表四「行政复议」结果维持：须为非负整数/).first()).toBeVisible();

  // blanks stay blank until the clerk asks: 空白单元格填 0 in table 四 only
  await expect(cell(page, "t4.after.pending")).toHaveValue("");
  await page.locator("#section-s4").getByRole("button", { name: "空白单元格填 0" }).click();
  await expect(cell(page, "t4.after.pending")).toHaveValue("0");
  await expect(cell(page, "t4.review.upheld")).toHaveValue("abc");
  await expect(cell(page, "t3.deny2.natural")).toHaveValue("");

  // a warning can be acknowledged with a reason
  const t6 = page.locator('[data-finding^="T6:"]').first();
  await t6.getByRole("button", { name: "已核实，说明理由" }).click();
  await t6.getByRole("textbox").fill("成文日期待领导签发后填写");
  await t6.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("确认理由：成文日期待领导签发后填写")).toBeAttached();

  // text: a section 五 paragraph; everything survives a reload
  await field(page, "text.s5").fill("一是公开意识不强；二是公开内容不全。");
  await expect(saveState(page)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(field(page, "text.s5")).toHaveValue("一是公开意识不强；二是公开内容不全。");
  await expect(cell(page, "t3.carried.natural")).toHaveValue("12");
  await expect(cell(page, "t4.review.upheld")).toHaveValue("abc");
  await expect(cell(page, "t3.new.total")).toHaveText("5");
  await context.close();
});

test("typing in table 三 updates its row and column totals in the same task", async ({ browser }) => {
  // Timing lives in bench/editor.ts (npm run bench:editor); this checks that totals follow every input event
  // synchronously, which is what makes the repaint fast.
  const { context, page } = await pageAs(browser, "chengguan");
  await openReport(page, 2023);
  const stale = await page.evaluate(async () => {
    const el = document.querySelector<HTMLInputElement>('[data-cell="t3.deny3.legal"]')!;
    const rowTotal = document.querySelector('[data-cell="t3.deny3.total"]')!;
    const colTotal = document.querySelector('[data-cell="t3.total.legal"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    el.focus();
    // the column total without this cell's own value
    const colBase = Number(colTotal.textContent) - Number(el.value || 0);
    const rowBase = Number(rowTotal.textContent) - Number(el.value || 0);
    const misses: string[] = [];
    for (let i = 1; i <= 30; i++) {
      setValue.call(el, String(i));
      el.dispatchEvent(new Event("input", { bubbles: true }));
      if (rowTotal.textContent !== String(rowBase + i) || colTotal.textContent !== String(colBase + i))
        misses.push(`${i}: ${rowTotal.textContent}/${colTotal.textContent}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return misses;
  });
  expect(stale).toEqual([]);
  await context.close();
});

test("unsaved text survives a lost connection and a closed tab (local backup)", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "chengguan");
  const url = await openReport(page, 2021);
  await expect(saveState(page)).toHaveAttribute("data-state", "saved");
  // no report of 2020: table 三 says where 二、上年结转 comes from
  await expect(page.getByTestId("no-previous-report")).toContainText("系统中没有 2020 年度的报告：「二、上年结转政府信息公开申请数量」请按上年报告的「四、结转下年度继续办理」填写");
  await context.setOffline(true);
  await field(page, "text.s6").fill("断网时写的文字");
  await expect(saveState(page)).toHaveAttribute("data-state", "error", { timeout: 15_000 });
  await expect(saveState(page)).toContainText("保存失败");
  // in Chinese, not the browser's "Failed to fetch"
  await expect(saveState(page)).toContainText("网络连接中断，未能保存");
  await expect(saveState(page)).not.toContainText(/fetch/i);
  await page.close();
  await context.setOffline(false);

  const again = await context.newPage();
  await again.goto(url);
  const dialog = again.getByTestId("restore-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("断网时写的文字");
  await dialog.getByRole("button", { name: "恢复本地内容" }).click();
  await expect(field(again, "text.s6")).toHaveValue("断网时写的文字");
  await expect(saveState(again)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await again.reload();
  await expect(field(again, "text.s6")).toHaveValue("断网时写的文字");
  await expect(again.getByTestId("restore-dialog")).toHaveCount(0);
  await context.close();
});

test("a login that expires while typing: the editor says so and offers a login in a new tab; 重试 then saves what the page holds", async ({ browser }) => {
  const clerk = await newTownshipClerk(browser, "过期");
  const c = clerk.page;
  const url = await openReport(c, 2024);
  await expect(saveState(c)).toHaveAttribute("data-state", "saved");
  await clerk.context.clearCookies(); // the session is gone
  await field(c, "text.s5").fill("登录过期后写的文字");
  await expect(saveState(c)).toHaveAttribute("data-state", "error", { timeout: 15_000 });
  await expect(saveState(c)).toContainText("登录已过期");
  const link = saveState(c).getByTestId("login-new-tab");
  await expect(link).toHaveAttribute("target", "_blank");
  // signed in in another tab (the same browser), the first tab saves on 重试
  const [other] = await Promise.all([clerk.context.waitForEvent("page"), link.click()]);
  await other.getByLabel("用户名").fill(clerk.username);
  await other.getByLabel("密码").fill(clerk.password);
  await other.getByRole("button", { name: "登录" }).click();
  await other.waitForURL((u) => !u.pathname.startsWith("/login"));
  await other.close();
  await saveState(c).getByRole("button", { name: "重试" }).click();
  await expect(saveState(c)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await c.goto(url);
  await expect(field(c, "text.s5")).toHaveValue("登录过期后写的文字");
  await clerk.context.close();
});
