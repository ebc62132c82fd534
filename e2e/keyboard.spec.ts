/**
 * Keyboard only: the whole January cycle without a mouse — no click, only key presses (and typing).
 * xiling logs in, creates the year's report, fills the grids (a block pasted from the clipboard with
 * Ctrl+V), jumps to an E1 finding and fixes it, submits (the confirmation answered by keyboard);
 * dsshencha comments on a cell (Alt+M), returns it; xiling submits again; dsshencha approves and
 * publishes. Every focus stop on the way must show a visible focus indicator, and every dialog gives
 * the focus back to the button that opened it. Touches only xiling's 2022 report.
 */
import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, test } from "./fixtures";

const YEAR = 2022;

type Stop = { desc: string; matches: boolean; visible: boolean; body: boolean };

/** The focused element: whether it matches `sel` (and holds `text`), and whether its focus is visible. */
function focused(page: Page, sel: string, text?: string): Promise<Stop> {
  return page.evaluate(
    ([sel, text]) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { desc: "body", matches: false, visible: false, body: true };
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
      // a Tailwind ring: a box-shadow spreading 2px or more (not a plain drop shadow)
      const ring = [...cs.boxShadow.matchAll(/0px 0px 0px (\d+(?:\.\d+)?)px/g)].some((m) => Number(m[1]) >= 2);
      const desc = `${el.tagName.toLowerCase()}${el.dataset.cell ? `[data-cell=${el.dataset.cell}]` : ""}${el.dataset.field ? `[data-field=${el.dataset.field}]` : ""} «${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 24)}»`;
      return {
        desc,
        matches: el.matches(sel!) && (!text || (el.textContent ?? "").includes(text)),
        visible: el.matches(":focus-visible") && (outline || ring),
        body: false,
      };
    },
    [sel, text] as const,
  );
}

/** Every focus stop without a visible indicator, for the final assertion. */
const invisible = new Set<string>();

/** Tab (or Shift+Tab) until the focus is on `sel`; checks the focus is visible at every stop. */
async function tabTo(page: Page, sel: string, opts: { back?: boolean; text?: string; max?: number } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < (opts.max ?? 400); i++) {
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
    const stop = await focused(page, sel, opts.text);
    if (!stop.body && !stop.visible) invisible.add(`${page.url().replace(/^.*?\/\/[^/]+/, "")} ${stop.desc}`);
    if (stop.matches) return;
    seen.push(stop.desc);
  }
  throw new Error(`never reached ${sel}${opts.text ? ` «${opts.text}»` : ""} by ${opts.back ? "Shift+Tab" : "Tab"}; last stops: ${seen.slice(-8).join(" | ")}`);
}

async function expectFocusOn(page: Page, sel: string) {
  await expect.poll(async () => { const f = await focused(page, sel); return f.matches || f.desc; }, { message: `focus on ${sel}` }).toBe(true);
}

async function keyboardLogin(page: Page, username: string) {
  await page.goto("/login");
  await tabTo(page, "input[name=username], #username", { max: 10 });
  await page.keyboard.type(username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

async function newContext(browser: Browser) {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  return { context, page: await context.newPage() };
}

const errorCount = (page: Page) => page.getByTestId("error-count");
const saved = (page: Page) => expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

/** Types into the focused field, replacing what it holds. */
async function replace(page: Page, text: string) {
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

/** 提交审核 from wherever the focus is in the editor: back to the toolbar's button, through the dialog. */
async function submitByKeyboard(page: Page) {
  await tabTo(page, '[data-testid="submit-button"]', { back: true });
  // opened and cancelled (Escape): the focus is back on 提交审核
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("submit-confirm");
  await expect(dialog).toBeVisible();
  await expectFocusOn(page, "[data-testid=submit-confirm] [data-cancel]");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expectFocusOn(page, '[data-testid="submit-button"]');
  // opened again and confirmed
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, '[data-testid="confirm-submit"]', { max: 5 });
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("report-status")).toHaveText("待审核");
  // the 提交审核 button is gone (the editor is read-only now): the focus is on the status bar, not lost to the page
  await expectFocusOn(page, '[data-testid="clerk-bar"]');
}

/** A review action's button (return / approve / publish), from wherever the focus is. */
const reviewButton = (action: string) => `[data-testid="review-${action}"]`;

test("keyboard only: the January cycle, clerk to publication, with visible focus and focus returned after dialogs", async ({ browser }) => {
  test.setTimeout(300_000);
  invisible.clear();

  // ---- the clerk ----------------------------------------------------------------------------
  const clerk = await newContext(browser);
  const c = clerk.page;
  await keyboardLogin(c, "xiling");
  await c.goto("/reports");
  await tabTo(c, 'input[name="year"]', { max: 40 });
  await replace(c, String(YEAR));
  await c.keyboard.press("Enter");
  await c.waitForURL(/\/reports\/[^/]+$/);
  const url = c.url();
  await expect(c.getByTestId("validation-panel")).toBeVisible();

  // header: date and the opening with its contacts
  await tabTo(c, '[data-field="header.signDate"]');
  await c.keyboard.type(`${YEAR + 1}年1月20日`);
  await tabTo(c, '[data-field="header.opening"]');
  // the whole opening typed anew: no template placeholder (「（地址：    ；电话：    ）」) left in it
  await replace(
    c,
    `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本报告所列数据的统计期限自${YEAR}年1月1日起至${YEAR}年12月31日止。本报告电子版可在东山县人民政府门户网站查阅或下载。如对本报告有任何疑问，请与东山县西岭乡人民政府联系（地址：东山县西岭乡政府路1号；电话：0591-12345678）。`,
  );
  // section 一's texts
  const texts: [string, string][] = [
    ["text.s1.active", "本年度主动公开政府信息 66 条，涵盖财政预决算、惠民政策等内容。"],
    ["text.s1.request", "依申请公开工作依法依规办理，答复及时。"],
    ["text.s1.management", "健全政府信息公开审查机制，动态更新公开目录。"],
    ["text.s1.platform", "依托政府网站和公开栏做好信息发布。"],
    ["text.s1.oversight", "将政务公开纳入年度考核，组织业务培训。"],
  ];
  for (const [ref, text] of texts) {
    await tabTo(c, `[data-field="${ref}"]`);
    await c.keyboard.type(text);
  }
  // table 二: every blank 0
  await tabTo(c, "#section-s2 button", { text: "空白单元格填 0" });
  await c.keyboard.press("Enter");
  // table 三: a column pasted from a spreadsheet (一 2, 二 0, （一）予以公开 2), one more figure typed
  await tabTo(c, '[data-cell="t3.new.natural"]');
  await c.evaluate((t) => navigator.clipboard.writeText(t), "2\n0\n2");
  await c.keyboard.press("ControlOrMeta+V");
  await expect(c.locator('[data-cell="t3.open.natural"]')).toHaveValue("2");
  await expect(c.locator('[data-cell="t3.new.natural"]')).toHaveValue("2");
  await c.keyboard.press("Tab");
  await expectFocusOn(c, '[data-cell="t3.new.commercial"]');
  await c.keyboard.type("1");
  await tabTo(c, "#section-s3 button", { text: "空白单元格填 0" });
  await c.keyboard.press("Enter");
  await tabTo(c, "#section-s4 button", { text: "空白单元格填 0" });
  await c.keyboard.press("Enter");
  // sections 五 and 六, the fee
  await tabTo(c, '[data-field="text.s5"]');
  await c.keyboard.type("一是公开内容还不够全面；二是解读回应有待加强。下一步将完善制度。");
  await tabTo(c, '[data-field="fee"] input[type="radio"]');
  // arrows move through the radio group, choosing as they go: to 未收取
  for (let i = 0; i < 4 && !(await c.locator('[data-field="fee"]').getByLabel("未收取").isChecked()); i++) await c.keyboard.press("ArrowDown");
  await expect(c.locator('[data-field="fee"]').getByLabel("未收取")).toBeChecked();
  await tabTo(c, '[data-field="text.s6"]');
  await c.keyboard.type("无其他需要报告的事项。");

  // one error left: 表三's 法人·商业企业 column does not balance (E1); jump to it from the checks and fix it
  await expect(errorCount(c)).toHaveText("1 项错误");
  await tabTo(c, '[data-rule="E1"] button');
  await c.keyboard.press("Enter");
  await expectFocusOn(c, '[data-cell="t3.new.commercial"]');
  await replace(c, "0");
  await expect(errorCount(c)).toHaveText("0 项错误");
  await saved(c);
  await submitByKeyboard(c);

  // ---- the supervisor: a comment on a cell, then 退回修改 ---------------------------------------
  const sup = await newContext(browser);
  const s = sup.page;
  await keyboardLogin(s, "dsshencha");
  await s.goto(url);
  await expect(s.getByTestId("review-status")).toHaveText("待审核");
  await tabTo(s, '[data-cell="t3.new.natural"]');
  await s.keyboard.press("Alt+M");
  await expectFocusOn(s, 'textarea[aria-label="批注内容"]');
  await expect(s.getByTestId("comment-place")).toHaveAttribute("data-anchor", "cell:t3.new.natural");
  await s.keyboard.type("本年新收申请 2 件，请与登记台账核对。");
  await tabTo(s, '[data-testid="save-comment"]', { max: 3 });
  await s.keyboard.press("Enter");
  await expect(s.locator('[data-thread][data-anchor="cell:t3.new.natural"]')).toContainText("请与登记台账核对");
  // the focus is back on the cell commented on
  await expectFocusOn(s, '[data-cell="t3.new.natural"]');

  await tabTo(s, reviewButton("return"), { back: true });
  await s.keyboard.press("Enter");
  const ret = s.getByTestId("return-dialog");
  await expect(ret).toBeVisible();
  await tabTo(s, "[data-testid=return-dialog] textarea", { max: 5 });
  await s.keyboard.type("请核对表三的数字后重新提交。");
  await tabTo(s, '[data-testid="confirm-return"]', { max: 5 });
  await s.keyboard.press("Enter");
  await expect(ret).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("已退回");
  // 退回修改 cannot be used again now: the focus is on it (or on its reason, the button being disabled)
  await expectFocusOn(s, `${reviewButton("return")}, [data-testid="review-return-wrap"]`);

  // ---- the clerk submits again ------------------------------------------------------------------
  await c.reload();
  await expect(c.getByTestId("report-status")).toHaveText("已退回");
  await expect(errorCount(c)).toHaveText("0 项错误");
  await tabTo(c, '[data-testid="submit-button"]');
  await submitByKeyboard(c);

  // ---- the supervisor approves (past the unresolved comment) and publishes ----------------------
  await s.reload();
  await expect(s.getByTestId("review-status")).toHaveText("待审核");
  await tabTo(s, reviewButton("approve"));
  await s.keyboard.press("Enter");
  const approve = s.getByTestId("approve-confirm");
  await expect(approve).toBeVisible();
  // Escape keeps the report as it is and gives the focus back
  await s.keyboard.press("Escape");
  await expect(approve).toHaveCount(0);
  await expectFocusOn(s, reviewButton("approve"));
  await s.keyboard.press("Enter");
  await expect(approve).toBeVisible();
  await tabTo(s, '[data-testid="confirm-approve"]', { max: 5 });
  await s.keyboard.press("Enter");
  await expect(approve).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  await expectFocusOn(s, `${reviewButton("approve")}, [data-testid="review-approve-wrap"]`);

  await tabTo(s, reviewButton("publish"));
  await s.keyboard.press("Enter");
  const publish = s.getByTestId("publish-confirm");
  await expect(publish).toBeVisible();
  await expectFocusOn(s, "[data-testid=publish-confirm] [data-cancel]");
  await tabTo(s, '[data-testid="confirm-publish"]', { max: 5 });
  await s.keyboard.press("Enter");
  await expect(publish).toHaveCount(0);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");
  await expectFocusOn(s, `${reviewButton("publish")}, [data-testid="review-publish-wrap"]`);

  expect([...invisible], "focus stops without a visible focus indicator").toEqual([]);
  await clerk.context.close();
  await sup.context.close();
});
