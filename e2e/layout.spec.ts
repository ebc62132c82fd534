import type { Locator, Page } from "@playwright/test";
import { expect, openReport, pageAs, test } from "./fixtures";

// Issue 18, 1366×768 first and findings: the grids keep their labels and 总计 in view, the preview leaves
// them a usable width, a finding shows and focuses its cell. Positions are checked with bounding boxes
// against the window, not only with visibility.
// Years used by this spec (each spec owns its years; see fixtures.ts): nanhu 2023.
const YEAR = 2023;
const CLERK = "nanhu";
const OFFICE = { width: 1366, height: 768 };
const WIDE = { width: 1920, height: 1080 };

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const focusedCell = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-cell") ?? null);

type Box = { left: number; right: number; top: number; bottom: number; width: number };
async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error("no bounding box");
  return { left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height, width: b.width };
}

/** A table's scroll box (the table's parent): its visible width, the table's width, its place. */
async function gridBox(page: Page, table: "t2" | "t3" | "t4") {
  return page.locator(`[data-table="${table}"]`).evaluate((t) => {
    const el = t.parentElement!;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, clientWidth: el.clientWidth, scrollWidth: el.scrollWidth };
  });
}

/** Bottom of the editor's sticky toolbar: the window shows the report below it. */
const toolbarBottom = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="report-editor"] > header')!.getBoundingClientRect().bottom);

/** `inner` lies wholly inside the window (below the toolbar) and inside `frame` sideways. */
function inView(inner: Box, view: { width: number; height: number; top: number }, frame?: { left: number; right: number }) {
  const left = Math.max(0, frame?.left ?? 0);
  const right = Math.min(view.width, frame?.right ?? view.width);
  return inner.left >= left - 1 && inner.right <= right + 1 && inner.top >= view.top - 1 && inner.bottom <= view.height + 1;
}

/** Hovers a (disabled) button and returns the box of the tooltip that says why: the one shown. */
async function tooltipBox(page: Page, testId: string): Promise<Box> {
  await page.getByTestId(testId).hover({ force: true });
  const tip = page.getByRole("tooltip");
  await expect(tip).toHaveCount(1);
  await expect(tip).toHaveCSS("opacity", "1");
  return box(tip);
}

async function scrollToSection(page: Page, key: string) {
  await page.locator(`#heading-${key}`).evaluate((el) => {
    const bar = document.querySelector('[data-testid="report-editor"] > header')!.getBoundingClientRect().height;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - bar - 8);
  });
}

test("1366×768 and 1920×1080: tables 二, 三, 四 fit — table 三's labels and 总计 in the window, no sideways scrolling", async ({ browser }) => {
  const { context, page } = await pageAs(browser, CLERK);
  await openReport(page, YEAR);
  for (const view of [OFFICE, WIDE]) {
    await page.setViewportSize(view);
    await scrollToSection(page, "s3");
    const t3 = await gridBox(page, "t3");
    expect(t3.scrollWidth, `table 三 overflows its box at ${view.width}`).toBeLessThanOrEqual(t3.clientWidth);
    const top = await toolbarBottom(page);
    for (const id of ["t3.new.natural", "t3.new.otherOrg", "t3.new.total", "t3.carried.total"])
      expect(inView(await box(cell(page, id)), { ...view, top }, t3), `${id} at ${view.width}`).toBe(true);
    const label = page.locator('[data-table="t3"] th', { hasText: "一、本年新收政府信息公开申请数量" });
    expect(inView(await box(label), { ...view, top }, t3)).toBe(true);
    const totalHeader = page.locator('[data-table="t3"] thead th', { hasText: /^总计$/ });
    expect(inView(await box(totalHeader), { ...view, top }, t3)).toBe(true);
    for (const t of ["t2", "t4"] as const) {
      const g = await gridBox(page, t);
      expect(g.scrollWidth, `${t} overflows at ${view.width}`).toBeLessThanOrEqual(g.clientWidth);
    }
  }
  await context.close();
});

test("a long save message makes the toolbar taller (1366×768, 1100×700): the side column's checks stay below it", async ({ browser }) => {
  const { context, page } = await pageAs(browser, CLERK);
  await page.setViewportSize(OFFICE);
  await openReport(page, YEAR);
  await page.getByTestId("validation-panel").waitFor();
  const barHeight = () => page.evaluate(() => document.querySelector('[data-testid="report-editor"] > header')!.getBoundingClientRect().height);
  const plain = await barHeight();
  await context.setOffline(true);
  await page.locator('[data-cell="t2.rules.issued"]').fill("1");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "error", { timeout: 15_000 });
  const heights: number[] = [];
  for (const view of [OFFICE, { width: 1100, height: 700 }]) {
    await page.setViewportSize(view);
    await scrollToSection(page, "s3");
    heights.push(await barHeight());
    const bar = await toolbarBottom(page);
    const heading = await box(page.getByTestId("validation-panel").getByRole("heading", { name: "检查结果" }));
    expect(heading.top, `the checks' heading under the toolbar at ${view.width}`).toBeGreaterThanOrEqual(bar);
    await page.screenshot({ path: test.info().outputPath(`offline-${view.width}.png`) });
  }
  // the message wrapped at least once: the toolbar grew
  expect(Math.max(...heights)).toBeGreaterThan(plain + 10);
  await page.setViewportSize(OFFICE);
  await context.setOffline(false);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
  await page.locator('[data-cell="t2.rules.issued"]').fill("");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await context.close();
});

test("a finding at 1366×768: one entry for one mistake; the jump shows its cell and 总计 and focuses the cell with a visible ring", async ({ browser }) => {
  const { context, page } = await pageAs(browser, CLERK);
  await page.setViewportSize(OFFICE);
  await openReport(page, YEAR);
  // 提交审核 is refused while errors are open; its tooltip says why, whole in the window (the button is at
  // the toolbar's right edge)
  await expect(page.getByTestId("submit-button")).toBeDisabled();
  expect(inView(await tooltipBox(page, "submit-button"), { ...OFFICE, top: 0 })).toBe(true);
  await page.locator("#section-s3").getByRole("button", { name: "空白单元格填 0" }).click();
  // one mistake: a case counted under 不予公开 that was never received; it unbalances 法律服务机构 and 总计
  await cell(page, "t3.deny3.legal").fill("2");
  const e1 = page.locator('[data-finding^="E1:"]');
  await expect(e1).toHaveCount(1);
  await expect(e1).toContainText("法律服务机构");

  await page.evaluate(() => window.scrollTo(0, 0));
  await e1.getByRole("button").first().click();
  await expect.poll(() => focusedCell(page)).toBe("t3.new.legal");
  // the page scrolls (smoothly) until the cell and its row's 总计 are in the window, below the toolbar
  const top = await toolbarBottom(page);
  await expect
    .poll(async () => {
      const frame = await gridBox(page, "t3");
      const view = { ...OFFICE, top };
      return (
        inView(await box(cell(page, "t3.new.legal")), view, frame) && inView(await box(cell(page, "t3.new.total")), view, frame)
      );
    })
    .toBe(true);
  // still focused once the page has come to rest, with a visible focus ring (a solid outline) and the
  // finding's highlight on its cells
  expect(await focusedCell(page)).toBe("t3.new.legal");
  const ring = await cell(page, "t3.new.legal").evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.color).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  await expect(page.getByText("已在报告中标出 8 处")).toBeVisible();
  // typing goes into the focused cell; the fix removes the finding
  await page.keyboard.press("Control+a");
  await page.keyboard.type("2");
  await expect(cell(page, "t3.new.legal")).toHaveValue("2");
  await expect(e1).toHaveCount(0);
  await context.close();
});

test("the preview at 1366×768 takes the side column's place: the grids keep their width and numbers, the checks a tab", async ({ browser }) => {
  const { context, page } = await pageAs(browser, CLERK);
  await page.setViewportSize(OFFICE);
  await openReport(page, YEAR);
  await cell(page, "t3.new.natural").fill("12345");
  await cell(page, "t3.new.commercial").fill("678");
  await page.getByTestId("preview-toggle").click();
  const panel = page.getByTestId("preview-panel");
  await expect(panel.getByTestId("preview-page").first()).toBeVisible({ timeout: 60_000 });

  await scrollToSection(page, "s3");
  const t3 = await gridBox(page, "t3");
  expect(t3.clientWidth).toBeGreaterThanOrEqual(720);
  expect(t3.scrollWidth).toBeLessThanOrEqual(t3.clientWidth);
  const pages = await box(panel);
  expect(pages.width).toBeGreaterThanOrEqual(400); // a readable page
  expect(t3.right).toBeLessThanOrEqual(pages.left); // side by side, nothing covered
  const top = await toolbarBottom(page);
  for (const id of ["t3.new.natural", "t3.new.commercial", "t3.new.total"]) {
    const b = await box(cell(page, id));
    expect(inView(b, { ...OFFICE, top }, t3), id).toBe(true);
    expect(b.width, `${id} is wide enough for a number`).toBeGreaterThanOrEqual(50);
  }
  // the numbers are shown whole, not cut off
  const clipped = await cell(page, "t3.new.natural").evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(clipped).toBe(false);
  await expect(cell(page, "t3.new.total")).toHaveText("13023");
  await expect(panel).toHaveAttribute("data-placement", "docked");

  // the checks are one click away, and come back to the preview
  const tabs = page.getByTestId("side-tabs");
  await tabs.getByRole("tab", { name: /检查结果/ }).click();
  await expect(page.getByTestId("validation-panel")).toBeVisible();
  expect(inView(await box(page.getByTestId("error-count")), { ...OFFICE, top: 0 })).toBe(true);
  await expect(panel).toBeHidden();
  await tabs.getByRole("tab", { name: "版式预览" }).click();
  await expect(panel.getByTestId("preview-page").first()).toBeVisible();

  // 1920×1080: the preview beside the page, the side column (checks) stays
  await page.setViewportSize(WIDE);
  await expect(panel).toHaveAttribute("data-placement", "beside");
  await expect(page.getByTestId("validation-panel")).toBeVisible();
  await scrollToSection(page, "s3");
  const wide = await gridBox(page, "t3");
  expect(wide.scrollWidth).toBeLessThanOrEqual(wide.clientWidth);
  expect(wide.right).toBeLessThanOrEqual((await box(panel)).left);
  expect((await box(page.getByTestId("validation-panel"))).right).toBeLessThanOrEqual((await box(panel)).left);

  await panel.getByRole("button", { name: "关闭预览" }).click();
  await expect(panel).toHaveCount(0);
  await context.close();
});

test("the reviewer at 1366×768: the review bar's actions and table 三's 总计 are in the window; the dashboard fits", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "shencha");
  await page.setViewportSize(OFFICE);
  await page.goto("/dashboard?year=2023");
  const table = await page.getByTestId("dashboard-table").evaluate((el) => ({ width: el.scrollWidth, box: el.parentElement!.clientWidth }));
  expect(table.width).toBeLessThanOrEqual(table.box);
  // the seeded, published 张良镇 2023 report (read only for everyone)
  await page.getByRole("link", { name: "示范县张良镇人民政府" }).click();
  await page.waitForURL(/\/reports\/[^/]+$/);
  for (const id of ["review-return", "review-approve", "review-publish"])
    expect(inView(await box(page.getByTestId(id)), { ...OFFICE, top: 0 }), id).toBe(true);
  // published: 发布 is refused, and its tooltip says why, whole in the window
  expect(inView(await tooltipBox(page, "review-publish"), { ...OFFICE, top: 0 })).toBe(true);
  await scrollToSection(page, "s3");
  const t3 = await gridBox(page, "t3");
  expect(t3.scrollWidth).toBeLessThanOrEqual(t3.clientWidth);
  const top = await toolbarBottom(page);
  expect(inView(await box(cell(page, "t3.new.total")), { ...OFFICE, top }, t3)).toBe(true);
  await expect(cell(page, "t3.new.total")).toHaveText("0");
  expect(inView(await box(page.getByTestId("validation-panel")), { ...OFFICE, top: 0 })).toBe(true);
  await context.close();
});
