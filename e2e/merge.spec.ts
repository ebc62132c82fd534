import type { Page, Route } from "@playwright/test";
import { expect, fillComplete, openReport, pageAs, submitForReview, test } from "./fixtures";

// Issue 18 (1, 2): two tabs on one report never lose either edit; one bad field never stops the others.
// Years used by this spec (each spec owns its years; see fixtures.ts): chengguan 2022; zhangliang 2025, 2022; hekou 2026.

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);
const saveState = (page: Page) => page.getByTestId("save-state");
const saved = (page: Page) => expect(saveState(page)).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

/** What the server holds now, read through a third, fresh page (no editor state involved). */
async function stored(page: Page, url: string) {
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  const read = async (ref: string) =>
    ref.startsWith("text.") ? fresh.locator(`[data-field="${ref}"]`).inputValue() : fresh.locator(`[data-cell="${ref}"]`).inputValue();
  return {
    read,
    close: () => fresh.close(),
  };
}

test("two tabs editing different fields: both edits are stored, no question asked, each tab takes in the other's", async ({ browser }) => {
  const a = await pageAs(browser, "chengguan");
  const url = await openReport(a.page, 2022);
  const b = await pageAs(browser, "chengguan");
  await b.page.goto(url); // tab B opened before A saves
  await saved(b.page);

  await field(a.page, "text.s1.request").fill("甲窗口：本年度依申请公开办理及时。");
  await saved(a.page);

  // B changes only 表二「行政强制」: saved next to A's text, without a conflict
  await cell(b.page, "t2.coercion.decisions").fill("4");
  await saved(b.page);
  await expect(b.page.getByTestId("conflict-dialog")).toHaveCount(0);
  await expect(b.page.getByTestId("save-conflicts")).toHaveCount(0);
  // B learned A's text with its save's answer
  await expect(field(b.page, "text.s1.request")).toHaveValue("甲窗口：本年度依申请公开办理及时。");

  // A, idle, learns B's change within one autosave interval (its poll), without a reload
  await expect(cell(a.page, "t2.coercion.decisions")).toHaveValue("4", { timeout: 10_000 });
  await expect(a.page.getByTestId("save-merged")).toContainText("行政强制");

  const s = await stored(a.page, url);
  expect(await s.read("text.s1.request")).toBe("甲窗口：本年度依申请公开办理及时。");
  expect(await s.read("t2.coercion.decisions")).toBe("4");
  await s.close();
  await a.context.close();
  await b.context.close();
});

test("the same field in two tabs: only that field is put to the user, with both values; the other fields are saved; 保留我的 never reverts the other side's fields", async ({ browser }) => {
  const a = await pageAs(browser, "chengguan");
  const url = await openReport(a.page, 2022);
  const b = await pageAs(browser, "chengguan");
  await b.page.goto(url);
  await saved(b.page);
  // B goes offline for a moment so that both edit before either hears of the other
  await b.context.setOffline(true);

  await field(a.page, "text.s5").fill("甲写的问题与改进。");
  await field(a.page, "text.s6").fill("甲写的其他事项。");
  await saved(a.page);

  await field(b.page, "text.s5").fill("乙写的内容，不能丢。");
  await cell(b.page, "t2.penalty.decisions").fill("7");
  await b.context.setOffline(false);

  const dialog = b.page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  // exactly the field changed on both sides, with both values
  await expect(dialog.locator("[data-diff]")).toHaveCount(1);
  const row = dialog.locator('[data-diff="text.s5"]');
  await expect(row).toContainText("乙写的内容，不能丢。");
  await expect(row).toContainText("甲写的问题与改进。");
  await expect(field(b.page, "text.s5")).toHaveValue("乙写的内容，不能丢。");
  // meanwhile B's other field was saved, and A's 六 came into B
  await expect(field(b.page, "text.s6")).toHaveValue("甲写的其他事项。");
  let s = await stored(b.page, url);
  expect(await s.read("t2.penalty.decisions")).toBe("7");
  expect(await s.read("text.s5")).toBe("甲写的问题与改进。");
  await s.close();

  await row.getByRole("button", { name: "保留我的" }).click();
  await expect(dialog).toHaveCount(0);
  await saved(b.page);

  s = await stored(b.page, url);
  expect(await s.read("text.s5")).toBe("乙写的内容，不能丢。");
  expect(await s.read("text.s6")).toBe("甲写的其他事项。"); // A's field, untouched by B's "keep mine"
  expect(await s.read("t2.penalty.decisions")).toBe("7");
  await s.close();

  // A takes in B's decision within an interval
  await expect(field(a.page, "text.s5")).toHaveValue("乙写的内容，不能丢。", { timeout: 10_000 });
  await a.context.close();
  await b.context.close();
});

test("50,000 characters pasted into 五: the other fields keep saving, the error names the field with limit and excess, submit is blocked; 200,001 in 六 are refused, said so, and no longer once put back", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "zhangliang");
  await openReport(page, 2025);
  const long = "长".repeat(50_000);
  await field(page, "text.s5").fill(long);
  await field(page, "text.s6").fill("六、其他事项照常保存。");
  await cell(page, "t2.permit.decisions").fill("3");
  await saved(page);

  // the checks panel and the toolbar agree: one error for 五, with the limit and the excess in full
  const e8 = page.locator('[data-finding^="E8:"]');
  await expect(e8).toHaveCount(1);
  await expect(e8).toContainText("五、存在的主要问题及改进情况共 50000 个字符，超过上限 20000 个字符（多 30000 个），请删减后再提交。");
  await expect(page.getByTestId("error-count")).not.toHaveText("0 项错误");
  await expect(page.getByTestId("submit-button")).toBeDisabled();
  // why: the button's tooltip, shown on hover (and on focus)
  await page.getByTestId("submit-button").locator("..").hover();
  await expect(page.getByRole("tooltip").filter({ hasText: /还有 \d+ 项错误未改正/ })).toBeVisible();

  // nothing was lost: after a reload every field is there, the long text too
  await page.reload();
  await expect(field(page, "text.s6")).toHaveValue("六、其他事项照常保存。");
  await expect(cell(page, "t2.permit.decisions")).toHaveValue("3");
  expect((await field(page, "text.s5").inputValue()).length).toBe(50_000);
  await expect(page.getByTestId("restore-dialog")).toHaveCount(0);

  // shortening it clears the error (once React has hydrated the field: a fill landing mid-hydration — select
  // all, hydration puts the caret back at the end, then the text goes in — appended to the 50,000 characters;
  // the toolbar and save state are drawn by the server and prove nothing)
  await expect(field(page, "text.s5")).toHaveAttribute("data-hydrated", "");
  await expect(page.getByTestId("submit-button")).toBeDisabled();
  await field(page, "text.s5").fill("一是公开内容不够全面；二是解读回应不及时。下一步将完善制度、加强培训。");
  await expect(page.locator('[data-finding^="E8:"]')).toHaveCount(0);
  await saved(page);

  // beyond what can be stored at all the server refuses the text: kept here and said so — at the field (not
  // 「已保存」), in the toolbar and in the checks panel; put back as it was, nothing is left reported unsaved
  await field(page, "text.s6").fill("多".repeat(200_001));
  const refused = page.getByTestId("refused-fields");
  await expect(refused).toContainText(/共 200001 个字符，超过可保存的上限 200000 个字符（多 1 个）/, { timeout: 15_000 });
  await expect(page.getByTestId("save-rejected")).toContainText("1 处未能保存到服务器");
  await expect(field(page, "text.s6")).toHaveAccessibleDescription(/未保存到服务器（已保留在本机），删减后自动保存/);
  await expect(field(page, "text.s6")).not.toHaveAccessibleDescription(/已保存，但/);
  await field(page, "text.s6").fill("六、其他事项照常保存。");
  await expect(page.getByTestId("save-rejected")).toHaveCount(0);
  await expect(refused).toHaveCount(0);
  await saved(page);
  await context.close();
});

test("an open page learns of the reviewer's comment and return without a reload", async ({ browser }) => {
  const clerk = await pageAs(browser, "zhangliang");
  const c = clerk.page;
  const url = await openReport(c, 2022);
  await fillComplete(c, 2022);
  await submitForReview(c);
  await expect(c.getByTestId("report-status")).toHaveText("待审核");

  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  await s.getByTestId("review-return").click();
  const dialog = s.getByTestId("return-dialog");
  await dialog.getByLabel("退回意见（必填）").fill("请核对表三的数字后重新提交。");
  await dialog.getByTestId("confirm-return").click();
  await expect(s.getByTestId("review-status")).toHaveText("已退回");

  // no reload on the clerk's side: the status, the return comment and an editable editor arrive by the poll
  await expect(c.getByTestId("report-status")).toHaveText("已退回", { timeout: 15_000 });
  await expect(c.getByTestId("return-comment")).toHaveText("请核对表三的数字后重新提交。");
  await expect(c.locator('[data-cell="t3.new.natural"]')).not.toHaveAttribute("readonly", "");
  await clerk.context.close();
  await sup.context.close();
});

test("typed in one tab while the other submits the report: the text is not dropped from sight — said, shown, kept for later", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await pageAs(browser, "hekou");
  const url = await openReport(a.page, 2026);
  await fillComplete(a.page, 2026);
  await saved(a.page);
  // a second tab of the same browser (one localStorage): tab A's unsaved copy, written while it types, is
  // not offered to tab B as a leftover to restore (it was, with the server's value as the alternative) — also
  // when B's script runs only after A wrote its copy (a slow PC): B's page was opened before the copy was made
  const b = await a.context.newPage();
  let releaseScripts!: () => void;
  const scriptsHeld = new Promise<void>((r) => (releaseScripts = r));
  await b.route("**/_next/static/chunks/*.js", async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await b.goto(url, { waitUntil: "commit" });
  await expect(cell(b, "t2.coercion.decisions")).toHaveValue("0");
  // A's save waits, so its unsaved copy stays in localStorage while B starts
  const SAVE = /\/reports\/[^/?]+\/save$/;
  const heldSaves: Route[] = [];
  await a.page.route(SAVE, (route) => void heldSaves.push(route));
  await cell(a.page, "t2.coercion.decisions").fill("2");
  await expect.poll(() => a.page.evaluate(() => Object.values(localStorage).some((v) => v.includes('"t2.coercion.decisions":"2"')))).toBe(true);
  releaseScripts();
  await expect(b.locator('[data-field="text.s5"]')).toHaveAttribute("data-hydrated", "");
  // what the page loads once interactive (the restore dialog's code, when it offers one) has arrived
  await b.waitForLoadState("networkidle");
  await expect(b.getByTestId("restore-dialog")).toHaveCount(0);
  await a.page.unroute(SAVE);
  for (const route of heldSaves) await route.continue().catch(() => {});
  await saved(a.page);
  await expect(cell(b, "t2.coercion.decisions")).toHaveValue("2", { timeout: 20_000 });
  await expect(b.getByTestId("restore-dialog")).toHaveCount(0);
  // tab A must not learn of the submission before the clerk types there: its polls (every 4 s) wait until then
  // (on a busy machine one got through first, and A was read-only before the text was typed)
  const heldPolls: Route[] = [];
  const POLL = /\/reports\/[^/?]+\/state/;
  await a.page.route(POLL, (route) => void heldPolls.push(route));
  await submitForReview(b);
  await expect(b.getByTestId("editor-status")).toHaveText("待审核");
  // tab A does not know yet: the clerk types on
  const typed = "【甲窗口】提交后才补充的一段话。";
  await field(a.page, "text.s6").fill(typed);
  await a.page.unroute(POLL);
  // a held poll the page has given up on (a newer poll or a save replaced it) is already handled: nothing to let through
  for (const route of heldPolls) await route.continue().catch(() => undefined);
  // A learns that the report is read-only now; what was typed is named, shown and kept
  const lost = a.page.getByTestId("lost-edits");
  await expect(lost).toContainText("1 处内容没有保存", { timeout: 30_000 });
  await expect(lost).toContainText(typed);
  await expect(a.page.getByTestId("report-editor")).toHaveAttribute("data-readonly", "true");
  // still there after a reload (the local copy), until the report is editable again and it is restored
  await a.page.reload();
  await expect(a.page.getByTestId("lost-edits")).toContainText(typed);
  await a.context.close();
});
